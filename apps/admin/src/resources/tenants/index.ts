import ApartmentIcon from '@mui/icons-material/Apartment';
import { page } from '../../lazy';

export const create = page(() => import('./TenantCreate'), 'TenantCreate');
export const edit = page(() => import('./TenantEdit'), 'TenantEdit');
export const list = page(() => import('./TenantList'), 'TenantList');
export const show = page(() => import('./TenantShow'), 'TenantShow');
export const icon = ApartmentIcon;
export const recordRepresentation = 'legal_name';
export const options = { label: 'Tenants' };
