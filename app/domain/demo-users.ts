// Demo logins created by `npm run seed`, printed by `npm start` and listed in the README.
export const DEMO_PASSWORD = "xutra-demo-2026";

export const DEMO_USERS = [
  { role: "BUYER", phone: "0912000001", name: "Trần Thu Hà", label: "Người mua / Buyer" },
  {
    role: "HOUSEHOLD",
    phone: "0912000002",
    name: "Nguyễn Văn An",
    label: "Hộ sản xuất / Household seller",
  },
  {
    role: "COOP_MANAGER",
    phone: "0912000003",
    name: "Lê Thị Hảo",
    label: "Quản lý HTX / Cooperative manager",
  },
  {
    role: "OFFICER",
    phone: "0912000004",
    name: "Phạm Minh Đức",
    label: "Cán bộ khuyến nông / Extension officer",
  },
  { role: "ADMIN", phone: "0912000005", name: "Quản trị Xứ Trà", label: "Quản trị / Admin" },
] as const;
