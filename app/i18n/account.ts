// Account security: changing one's password.
export const vi = {
  "password.title": "Đổi mật khẩu",
  "password.current": "Mật khẩu hiện tại",
  "password.new": "Mật khẩu mới (ít nhất 8 ký tự)",
  "password.confirm": "Nhập lại mật khẩu mới",
  "password.submit": "Đổi mật khẩu",
  "password.wrong": "Mật khẩu hiện tại không đúng.",
  "password.mismatch": "Hai lần nhập mật khẩu mới không giống nhau.",
  "password.same": "Mật khẩu mới phải khác mật khẩu hiện tại.",
  "password.rateLimited": "Nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút.",
  "password.done": "Đã đổi mật khẩu. Các máy khác đang đăng nhập tài khoản này đã bị đăng xuất.",
  "password.hint":
    "Đổi mật khẩu sẽ đăng xuất tài khoản trên mọi máy khác (ví dụ máy của cán bộ khuyến nông lúc tập huấn).",
  "password.link": "Đổi mật khẩu",
  "audit.password.changed": "Đổi mật khẩu",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "password.title": "Change password",
  "password.current": "Current password",
  "password.new": "New password (at least 8 characters)",
  "password.confirm": "New password again",
  "password.submit": "Change password",
  "password.wrong": "The current password is wrong.",
  "password.mismatch": "The two new passwords differ.",
  "password.same": "The new password must differ from the current one.",
  "password.rateLimited": "Too many wrong tries. Try again in {minutes} minutes.",
  "password.done":
    "Password changed. Other devices signed in to this account have been signed out.",
  "password.hint":
    "Changing the password signs this account out on every other device (for example the extension officer's phone used at training).",
  "password.link": "Change password",
  "audit.password.changed": "Password changed",
};
