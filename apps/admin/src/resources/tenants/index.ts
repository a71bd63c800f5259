import ApartmentIcon from '@mui/icons-material/Apartment';

export { TenantCreate as create } from './TenantCreate';
export { TenantEdit as edit } from './TenantEdit';
export { TenantList as list } from './TenantList';
export { TenantShow as show } from './TenantShow';
export const icon = ApartmentIcon;
export const recordRepresentation = 'legal_name';
export const options = { label: 'Tenants' };
