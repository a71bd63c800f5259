import HistoryIcon from '@mui/icons-material/History';
import { page } from '../../lazy';

export const list = page(() => import('./AuditLogList'), 'AuditLogList');
export const show = page(() => import('./AuditLogShow'), 'AuditLogShow');
export const icon = HistoryIcon;
export const options = { label: 'Admin audit log' };
