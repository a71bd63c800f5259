import PeopleIcon from '@mui/icons-material/People';

export { UserCreate as create } from './UserCreate';
export { UserEdit as edit } from './UserEdit';
export { UserList as list } from './UserList';
export { UserShow as show } from './UserShow';
export const icon = PeopleIcon;
export const recordRepresentation = 'email';
export const options = { label: 'Users' };
