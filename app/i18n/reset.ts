// Forgotten password: a code by SMS, then a new password.
export const vi = {
  "reset.link": "Quên mật khẩu?",
  "reset.forgotTitle": "Quên mật khẩu",
  "reset.forgotHint":
    "Nhập số điện thoại của tài khoản. Chúng tôi sẽ gửi một mã gồm 6 chữ số qua tin nhắn SMS để bạn đặt mật khẩu mới.",
  "reset.phone": "Số điện thoại",
  "reset.send": "Gửi mã",
  "reset.sendLimited": "Bạn đã yêu cầu quá nhiều mã. Hãy thử lại sau {minutes} phút.",
  "reset.title": "Đặt lại mật khẩu",
  "reset.sent":
    "Nếu số điện thoại này có tài khoản Xứ Trà, chúng tôi vừa gửi một mã gồm 6 chữ số qua SMS. Mã dùng được trong 10 phút.",
  "reset.hint":
    "Nhập mã trong tin nhắn và mật khẩu mới. Sau khi đổi, tài khoản sẽ bị đăng xuất trên mọi máy khác.",
  "reset.code": "Mã trong tin nhắn (6 chữ số)",
  "reset.new": "Mật khẩu mới (ít nhất 8 ký tự)",
  "reset.confirm": "Nhập lại mật khẩu mới",
  "reset.submit": "Đặt mật khẩu mới",
  "reset.codeFormat": "Mã gồm đúng 6 chữ số.",
  "reset.wrong": "Mã không đúng (hãy dùng mã trong tin nhắn mới nhất). Bạn còn {left} lần thử.",
  "reset.none":
    "Mã không đúng hoặc không còn hiệu lực (mỗi lần gửi mã mới, mã cũ bị huỷ). Hãy kiểm tra tin nhắn mới nhất hoặc yêu cầu mã mới.",
  "reset.expired": "Mã đã hết hạn (mã chỉ dùng được trong 10 phút). Hãy yêu cầu mã mới.",
  "reset.void": "Mã đã bị huỷ vì nhập sai quá 5 lần. Hãy yêu cầu mã mới.",
  "reset.tryLimited": "Nhập sai mã quá nhiều lần. Hãy thử lại sau {minutes} phút.",
  "reset.again": "Chưa nhận được mã? Gửi lại mã",
  "reset.backToLogin": "← Quay lại đăng nhập",
  "reset.done": "Đã đặt mật khẩu mới và đăng nhập trên máy này. Mọi máy khác đã bị đăng xuất.",
  "audit.password.reset": "Đặt lại mật khẩu bằng mã SMS",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "reset.link": "Forgot password?",
  "reset.forgotTitle": "Forgot password",
  "reset.forgotHint":
    "Enter the account's phone number. We will text a 6-digit code so you can set a new password.",
  "reset.phone": "Phone number",
  "reset.send": "Send code",
  "reset.sendLimited": "Too many codes requested. Try again in {minutes} minutes.",
  "reset.title": "Reset password",
  "reset.sent":
    "If this phone number has a Xứ Trà account, we have just texted it a 6-digit code. The code works for 10 minutes.",
  "reset.hint":
    "Enter the code from the message and a new password. Afterwards the account is signed out on every other device.",
  "reset.code": "Code from the message (6 digits)",
  "reset.new": "New password (at least 8 characters)",
  "reset.confirm": "New password again",
  "reset.submit": "Set new password",
  "reset.codeFormat": "The code is exactly 6 digits.",
  "reset.wrong": "Wrong code (use the one in the latest message). {left} tries left.",
  "reset.none":
    "The code is wrong or no longer valid (each new code cancels the previous one). Check the latest message or ask for a new code.",
  "reset.expired": "The code has expired (codes work for 10 minutes). Ask for a new one.",
  "reset.void": "The code was cancelled after 5 wrong tries. Ask for a new one.",
  "reset.tryLimited": "Too many wrong codes. Try again in {minutes} minutes.",
  "reset.again": "No code? Send it again",
  "reset.backToLogin": "← Back to log in",
  "reset.done":
    "New password set and you are logged in on this device. Every other device has been signed out.",
  "audit.password.reset": "Password reset with an SMS code",
};
