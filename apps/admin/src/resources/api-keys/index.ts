import KeyIcon from '@mui/icons-material/Key';
import { page } from '../../lazy';

export const create = page(() => import('./ApiKeyCreate'), 'ApiKeyCreate');
export const list = page(() => import('./ApiKeyList'), 'ApiKeyList');
export const icon = KeyIcon;
export const recordRepresentation = 'label';
export const options = { label: 'API keys' };
