import { PERSONA_IDS } from '@floor-os/personas';
import { Box, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { personaLabel } from '../components/PersonaChips';
import { DashboardCard } from './DashboardCard';
import { Unavailable } from './Unavailable';
import type { CardProps } from './types';

/** Catalogue order first, then anything the API counts that the catalogue does not name. */
function rowsOf(counts: Record<string, number>): { id: string; label: string; count: number }[] {
  const known = PERSONA_IDS.filter((id) => id in counts);
  const unknown = Object.keys(counts).filter((id) => !(PERSONA_IDS as readonly string[]).includes(id));
  return [...known, ...unknown].map((id) => ({ id, label: personaLabel(id), count: counts[id] ?? 0 }));
}

const UsersByPersona = ({ counts, isPending }: { counts?: Record<string, number>; isPending: boolean }) => {
  if (!counts) return <Unavailable isPending={isPending} />;
  const rows = rowsOf(counts);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No users yet.
      </Typography>
    );
  }
  return (
    <>
      <Box sx={{ width: '100%', height: 36 + 28 * rows.length }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={11} />
            <YAxis type="category" dataKey="label" width={150} fontSize={11} interval={0} />
            <Tooltip />
            <Bar dataKey="count" name="Users" fill="#1976d2" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Table size="small">
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-persona-count={row.id}>
              <TableCell>{row.label}</TableCell>
              <TableCell align="right">{row.count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};

export const UsersByPersonaCard = ({ data, isPending }: CardProps) => (
  <DashboardCard id="users_by_persona">
    <UsersByPersona counts={data?.users_by_persona} isPending={isPending} />
  </DashboardCard>
);
