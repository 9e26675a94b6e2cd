// VietQR: the EMVCo merchant-presented QR payload for NAPAS 247 transfers,
// read by every Vietnamese banking app. Each field is ID (2) + length (2) + value;
// tag 63 carries a CRC-16/CCITT-FALSE over everything before it, including "6304".

const NAPAS_GUID = "A000000727";
const SERVICE_TO_ACCOUNT = "QRIBFTTA"; // transfer to an account number (QRIBFTTC would be to a card)

function tlv(id: string, value: string): string {
  const len = [...value].length;
  if (len > 99) throw new RangeError(`EMV field ${id} too long`);
  return `${id}${String(len).padStart(2, "0")}${value}`;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no xor-out) as 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/** Banking apps accept plain ASCII reliably: drop accents and anything unusual. */
export function transferNote(text: string, max = 25): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9 -]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

export type VietQrInput = {
  bankBin: string;
  accountNumber: string;
  amountVnd?: number;
  note?: string;
};

export function isValidBankBin(bin: string) {
  return /^9704\d{2}$/.test(bin);
}

/** The payload string to encode in the QR. With an amount it is a dynamic (one-use) QR. */
export function vietQrPayload({ bankBin, accountNumber, amountVnd, note }: VietQrInput): string {
  if (!isValidBankBin(bankBin)) throw new RangeError("bank BIN must be 6 digits starting 9704");
  if (!/^[A-Za-z0-9]{1,19}$/.test(accountNumber)) throw new RangeError("bad account number");
  if (
    amountVnd !== undefined &&
    (!Number.isSafeInteger(amountVnd) || amountVnd <= 0 || String(amountVnd).length > 13)
  )
    throw new RangeError("bad amount");
  const beneficiary = tlv("00", bankBin) + tlv("01", accountNumber);
  const merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT);
  const cleanNote = note ? transferNote(note) : "";
  let body =
    tlv("00", "01") +
    tlv("01", amountVnd !== undefined ? "12" : "11") +
    tlv("38", merchant) +
    tlv("53", "704") +
    (amountVnd !== undefined ? tlv("54", String(amountVnd)) : "") +
    tlv("58", "VN") +
    (cleanNote ? tlv("62", tlv("08", cleanNote)) : "");
  body += "6304";
  return body + crc16(body);
}

/** Parses top-level TLV fields (for tests and for checking a scanned code). */
export function parseEmv(payload: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(len)) throw new Error("malformed EMV payload");
    out[id] = payload.slice(i + 4, i + 4 + len);
    i += 4 + len;
  }
  return out;
}

export function hasValidCrc(payload: string): boolean {
  return (
    payload.length > 8 &&
    payload.slice(-8, -4) === "6304" &&
    crc16(payload.slice(0, -4)) === payload.slice(-4)
  );
}
