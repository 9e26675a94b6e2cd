import { provincesResponse } from "~/places/api.server";

// Public JSON: the provinces in force (code, name, type). See docs/api.md.
export async function loader() {
  return provincesResponse();
}
