import GavelIcon from '@mui/icons-material/Gavel';

// A dispute is never created here (that is the decision's "Dispute / annotate" form) nor deleted.
export { DisputeEdit as edit } from './DisputeEdit';
export { DisputeList as list } from './DisputeList';
export { DisputeShow as show } from './DisputeShow';
export const icon = GavelIcon;
export const options = { label: 'Disputes' };
