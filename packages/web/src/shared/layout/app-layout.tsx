import { Outlet } from 'react-router';
import { SideNav } from './side-nav';
import { TopBar } from './top-bar';

export function AppLayout() {
  return (
    <div className="app">
      <SideNav />
      <div className="app-main">
        <TopBar />
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
