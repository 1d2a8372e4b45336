import AdminForbidden from "../forbidden";

export const metadata = { title: "Not available" };

/** What src/proxy.ts shows, with a 403 status, to a role that may not open an admin page. */
export default AdminForbidden;
