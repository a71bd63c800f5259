import AccountBoxIcon from '@mui/icons-material/AccountBox';
import { page } from '../../lazy';

// Accounts change through imports and the bulk API (SPEC I6, API contract), so the panel lists and shows them.
export const list = page(() => import('./AccountList'), 'AccountList');
export const show = page(() => import('./AccountShow'), 'AccountShow');
export const icon = AccountBoxIcon;
export const recordRepresentation = 'account_id';
export const options = { label: 'Accounts' };
