import QRCode from "qrcode";
import { isValidBankBin, vietQrPayload } from "~/domain/vietqr";

export type VietQr = {
  payload: string;
  dataUrl: string;
  reference: string;
  amountVnd: number;
  account: string;
  accountName: string | null;
};

/** One QR per stall order: each stall is paid into its own account, with the order number as the transfer note. */
export async function vietQrFor(
  order: { number: string; totalVnd: number },
  stall: {
    bankBin: string | null;
    bankAccount: string | null;
    bankAccountName: string | null;
    payoutHoldSince: Date | null;
  },
): Promise<VietQr | null> {
  if (!stall.bankBin || !stall.bankAccount || !isValidBankBin(stall.bankBin)) return null;
  // a payout account changed and not yet re-confirmed takes no money (decision 0041)
  if (stall.payoutHoldSince) return null;
  const payload = vietQrPayload({
    bankBin: stall.bankBin,
    accountNumber: stall.bankAccount,
    amountVnd: order.totalVnd,
    note: order.number,
  });
  const dataUrl = await QRCode.toDataURL(payload, {
    errorCorrectionLevel: "M",
    margin: 4,
    width: 320,
  });
  return {
    payload,
    dataUrl,
    reference: order.number,
    amountVnd: order.totalVnd,
    account: stall.bankAccount,
    accountName: stall.bankAccountName,
  };
}
