import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AppBar } from './AppBar';
import { Menu } from './Menu';
import { ShadowBanner } from './ShadowBanner';

/**
 * react-admin's layout, with the page and its content column allowed to be narrower than their widest table
 * (react-admin lets them grow to fit it): a wide table scrolls inside its own box, and no page is wider than
 * the window.
 */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout
    appBar={AppBar}
    menu={Menu}
    sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 }, '& .RaDataTable-tableWrapper': { overflowX: 'auto' } }}
  >
    <ShadowBanner />
    {children}
  </RaLayout>
);
