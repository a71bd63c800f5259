import HistoryIcon from '@mui/icons-material/History';

export { AuditLogList as list } from './AuditLogList';
export { AuditLogShow as show } from './AuditLogShow';
export const icon = HistoryIcon;
export const options = { label: 'Admin audit log' };
