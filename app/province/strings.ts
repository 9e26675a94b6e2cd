// The province's dashboard. Vietnamese first; English must have every key.
export const vi = {
  "dashboard.title": "Số liệu của tỉnh",
  "dashboard.intro":
    "Các số liệu tỉnh báo cáo, tính trực tiếp từ dữ liệu: tổng toàn tỉnh và theo từng xã. Biểu đồ có bảng số liệu ngay bên dưới.",
  "dashboard.totals": "Toàn tỉnh",
  "dashboard.byCommune": "Theo xã: {figure}",
  "dashboard.top": "{n} xã cao nhất",
  "dashboard.commune": "Xã/phường",
  "dashboard.table": "Bảng số liệu: {figure}",
  "dashboard.csv": "Tải bảng theo xã (CSV)",
  "dashboard.figure.households": "Hộ có tài khoản",
  "dashboard.figure.householdsTrained": "Hộ đã tập huấn",
  "dashboard.figure.stallsOpen": "Gian hàng đang mở",
  "dashboard.figure.productsListed": "Sản phẩm đang bán",
  "dashboard.figure.paymentAccounts": "Hộ có tài khoản nhận tiền",
  "dashboard.figure.stallsVerified": "Gian hàng đã xác minh",
  "dashboard.figure.orders30d": "Đơn hàng 30 ngày qua",
  "dashboard.figure.revenue30dVnd": "Doanh thu 30 ngày qua",
  "dashboard.funnel": "Phễu tham gia toàn tỉnh",
} as const;

export type DashboardKey = keyof typeof vi;

export const en: Record<DashboardKey, string> = {
  "dashboard.title": "The province's figures",
  "dashboard.intro":
    "The figures the province reports, computed live from the data: province totals and by commune. Each chart has its table of numbers right below.",
  "dashboard.totals": "Whole province",
  "dashboard.byCommune": "By commune: {figure}",
  "dashboard.top": "Top {n} communes",
  "dashboard.commune": "Commune/ward",
  "dashboard.table": "Numbers: {figure}",
  "dashboard.csv": "Download the table by commune (CSV)",
  "dashboard.figure.households": "Households with accounts",
  "dashboard.figure.householdsTrained": "Households trained",
  "dashboard.figure.stallsOpen": "Stalls open",
  "dashboard.figure.productsListed": "Products listed",
  "dashboard.figure.paymentAccounts": "Households with payment accounts",
  "dashboard.figure.stallsVerified": "Stalls verified",
  "dashboard.figure.orders30d": "Orders, last 30 days",
  "dashboard.figure.revenue30dVnd": "Sales, last 30 days",
  "dashboard.funnel": "Province onboarding funnel",
};
