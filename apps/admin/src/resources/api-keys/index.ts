import KeyIcon from '@mui/icons-material/Key';

export { ApiKeyCreate as create } from './ApiKeyCreate';
export { ApiKeyList as list } from './ApiKeyList';
export const icon = KeyIcon;
export const recordRepresentation = 'label';
export const options = { label: 'API keys' };
