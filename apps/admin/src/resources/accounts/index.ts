import AccountBoxIcon from '@mui/icons-material/AccountBox';

// Accounts change through imports and the bulk API (SPEC I6, API contract), so the panel lists and shows them.
export { AccountList as list } from './AccountList';
export { AccountShow as show } from './AccountShow';
export const icon = AccountBoxIcon;
export const recordRepresentation = 'account_id';
export const options = { label: 'Accounts' };
