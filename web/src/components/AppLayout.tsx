// The signed-in frame: a sidebar with only the pages the user's permissions allow, the
// user's name, the theme toggle and "Log out". Below 768 px the sidebar folds into a menu.
import { useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { visibleSections } from "./navigation";
import { ThemeToggle } from "./ThemeToggle";

export function AppLayout() {
  const { user, can, signOut } = useAuth();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = visibleSections(can);

  const logOut = async () => {
    await signOut();
    navigate("/login", { replace: true });
  };

  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-800">
        Skip to content
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden dark:border-slate-700 dark:bg-slate-900">
        <span className="font-bold text-indigo-600 dark:text-indigo-400">T2O-verse</span>
        <button
          type="button"
          className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-200 dark:hover:bg-slate-800"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
      </header>
      <aside
        id="sidebar"
        className={`${menuOpen ? "block" : "hidden"} border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:flex-col md:border-b-0 md:border-r dark:border-slate-700 dark:bg-slate-900`}
      >
        <p className="hidden px-5 pt-5 text-lg font-bold text-indigo-600 md:block dark:text-indigo-400">T2O-verse</p>
        <nav aria-label="Main" className="flex-1 px-3 py-3 md:py-5">
          <ul className="space-y-1">
            {sections.map((section) => (
              <li key={section.path}>
                <NavLink
                  to={section.path}
                  onClick={() => setMenuOpen(false)}
                  className={({ isActive }) =>
                    `block rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
                      isActive
                        ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                        : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                    }`
                  }
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-2 border-t border-slate-200 px-3 py-4 dark:border-slate-700">
          <p className="truncate px-2 text-sm text-slate-600 dark:text-slate-300" title={user?.email}>
            Signed in as <strong className="font-semibold">{user?.username}</strong>
          </p>
          <div className="flex items-center justify-between">
            <ThemeToggle />
            <button
              type="button"
              onClick={logOut}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              Log out
            </button>
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8">
        <Outlet />
      </main>
    </div>
  );
}
