import { sidebarFor, type SidebarItem } from '@floor-os/personas';
import { Box, ListSubheader } from '@mui/material';
import { Menu as RaMenu, useSidebarState } from 'react-admin';
import { useSession, viewContextOf } from '../providers/session';
import { PilotBadge } from './PilotBadge';
import { sidebarIcon } from './sidebarIcons';
import { offeredInPanel } from '../screens';

const GROUP_LABELS: Record<SidebarItem['group'], string | null> = {
  home: null,
  compliance: 'Compliance',
  operations: 'Operations',
  settings: 'Settings',
  admin: 'Admin',
  platform: 'Platform',
  help: 'Help',
};

/** Consecutive items of one group, in catalogue order. */
function groupItems(items: readonly SidebarItem[]): { group: SidebarItem['group']; items: SidebarItem[] }[] {
  const groups: { group: SidebarItem['group']; items: SidebarItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.group === item.group) last.items.push(item);
    else groups.push({ group: item.group, items: [item] });
  }
  return groups;
}

/**
 * The sidebar, built only from the persona catalogue: the union of the user's personas' items, minus
 * what pilot mode or a missing tenant context hides. It mirrors permissions; the API enforces them.
 */
export const Menu = () => {
  const { session } = useSession();
  const [open] = useSidebarState();
  const items = session ? sidebarFor(session.personas, viewContextOf(session)).filter(offeredInPanel) : [];

  return (
    <RaMenu>
      <Box
        sx={{
          px: open ? 2 : 0.5,
          py: 1,
          minHeight: 24,
          display: 'flex',
          justifyContent: open ? 'flex-start' : 'center',
        }}
      >
        <PilotBadge />
      </Box>
      {groupItems(items).map(({ group, items: groupMembers }) => [
        open && GROUP_LABELS[group] ? (
          <ListSubheader key={`group-${group}`} disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent' }}>
            {GROUP_LABELS[group]}
          </ListSubheader>
        ) : null,
        ...groupMembers.map((item) => {
          const Icon = sidebarIcon(item.id);
          return (
            <RaMenu.Item
              key={item.id}
              to={item.path}
              primaryText={item.label}
              leftIcon={<Icon />}
              data-sidebar-item={item.id}
            />
          );
        }),
      ])}
    </RaMenu>
  );
};
