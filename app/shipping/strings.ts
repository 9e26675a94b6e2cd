// Shipping by zone: the stall's settings, the fee and estimate in the cart and checkout.
export const vi = {
  "shipping.zone.SAME": "trong tỉnh",
  "shipping.zone.NEAR": "tỉnh lân cận",
  "shipping.zone.FAR": "tỉnh xa",
  "shipping.line": "Giao {zone}, {weight}: {fee}",
  "shipping.estimate": "Dự kiến nhận trong {days} ngày",
  "shipping.sameDay": "Giao trong ngày bằng xe của gian hàng",
  "shipping.noDestination":
    "Phí giao trong tỉnh của gian hàng. Chọn nơi nhận để xem phí và thời gian giao của bạn.",
  "shipping.refused":
    "Không giao được đến {province}: {items} là hàng tươi, gian hàng chỉ tự giao trong ngày ở vùng gần để giữ độ tươi.",
  "shipping.shipTo": "Giao đến tỉnh / thành phố",
  "shipping.showFees": "Xem phí giao",
  "checkout.perishableFar":
    "Hàng tươi không gửi xa được: {items}. Gian hàng chỉ tự giao hàng tươi trong ngày ở vùng gần để giữ độ tươi; hãy bỏ khỏi giỏ hoặc chọn nơi nhận gần hơn.",
  "shipping.settings": "Giao hàng theo vùng",
  "shipping.settingsHelp":
    "Phí cho 1 kg đầu theo vùng, cộng thêm mỗi kg tiếp theo. Tỉnh lân cận là tỉnh giáp ranh với tỉnh của gian hàng.",
  "shipping.sameFee": "Trong tỉnh: 1 kg đầu (₫)",
  "shipping.nearFee": "Tỉnh lân cận: 1 kg đầu (₫)",
  "shipping.farFee": "Tỉnh xa: 1 kg đầu (₫)",
  "shipping.extraKg": "Mỗi kg thêm (₫)",
  "shipping.sameDays": "Trong tỉnh: số ngày giao",
  "shipping.nearDays": "Tỉnh lân cận: số ngày giao",
  "shipping.farDays": "Tỉnh xa: số ngày giao",
  "shipping.freshReach": "Hàng tươi (dễ hỏng) giao đến đâu?",
  "shipping.freshReach.NONE": "Không giao hàng tươi",
  "shipping.freshReach.SAME": "Chỉ trong tỉnh, xe của gian hàng giao trong ngày",
  "shipping.freshReach.NEAR": "Trong tỉnh và tỉnh giáp ranh, xe của gian hàng giao trong ngày",
  "shipping.feeInvalid": "Nhập số tiền từ 0 đến 500.000 ₫.",
  "shipping.daysInvalid": "Nhập số ngày từ 1 đến 30.",
  "shipping.daysOrder": "Nơi xa hơn không thể giao nhanh hơn nơi gần hơn.",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "shipping.zone.SAME": "within the province",
  "shipping.zone.NEAR": "neighbouring province",
  "shipping.zone.FAR": "distant province",
  "shipping.line": "Delivery {zone}, {weight}: {fee}",
  "shipping.estimate": "Expected within {days} days",
  "shipping.sameDay": "Same-day delivery by the stall's own transport",
  "shipping.noDestination":
    "Fee within the stall's province. Choose where it goes to see your fee and delivery time.",
  "shipping.refused":
    "Cannot be delivered to {province}: {items} is fresh produce, which the stall delivers itself, the same day, only nearby.",
  "shipping.shipTo": "Deliver to province / city",
  "shipping.showFees": "Show delivery fees",
  "checkout.perishableFar":
    "Fresh produce cannot travel that far: {items}. The stall delivers fresh produce itself, the same day, only nearby; remove it from the cart or choose a nearer address.",
  "shipping.settings": "Delivery by zone",
  "shipping.settingsHelp":
    "A fee for the first kg by zone, plus each further kg. Neighbouring provinces share a border with the stall's province.",
  "shipping.sameFee": "Within the province: first kg (₫)",
  "shipping.nearFee": "Neighbouring province: first kg (₫)",
  "shipping.farFee": "Distant province: first kg (₫)",
  "shipping.extraKg": "Each further kg (₫)",
  "shipping.sameDays": "Within the province: days to deliver",
  "shipping.nearDays": "Neighbouring province: days to deliver",
  "shipping.farDays": "Distant province: days to deliver",
  "shipping.freshReach": "Where can fresh (perishable) produce go?",
  "shipping.freshReach.NONE": "No delivery of fresh produce",
  "shipping.freshReach.SAME": "Within the province only, same day by the stall's own transport",
  "shipping.freshReach.NEAR":
    "The province and its neighbours, same day by the stall's own transport",
  "shipping.feeInvalid": "Enter an amount from 0 to 500,000 ₫.",
  "shipping.daysInvalid": "Enter a number of days from 1 to 30.",
  "shipping.daysOrder": "A farther place cannot be reached sooner than a nearer one.",
};
