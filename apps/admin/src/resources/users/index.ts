import PeopleIcon from '@mui/icons-material/People';
import { page } from '../../lazy';

export const create = page(() => import('./UserCreate'), 'UserCreate');
export const edit = page(() => import('./UserEdit'), 'UserEdit');
export const list = page(() => import('./UserList'), 'UserList');
export const show = page(() => import('./UserShow'), 'UserShow');
export const icon = PeopleIcon;
export const recordRepresentation = 'email';
export const options = { label: 'Users' };
