import AdminNotFound from "../not-found";

export const metadata = { title: "Not found" };

/** What src/proxy.ts shows, with a 404 status, for an admin page whose post does not exist. */
export default AdminNotFound;
