// The sidebar's pages and the permission each needs to appear (API.md: what the API lets
// that user do there). Pages without one are for every signed-in user.
export interface Section {
  path: string;
  label: string;
  permission?: string;
}

export const SECTIONS: readonly Section[] = [
  { path: "/profile", label: "Profile" },
  { path: "/logs", label: "Logs" },
  { path: "/kanban", label: "Kanban" },
  { path: "/billing", label: "Billing" },
  { path: "/settings", label: "Settings", permission: "manage_users" },
];

export function visibleSections(can: (permission: string) => boolean): Section[] {
  return SECTIONS.filter((section) => !section.permission || can(section.permission));
}
