/// Decimal digits padded with zeros, as `String(format: "%0<width>d", value)` writes them, without
/// Foundation's format parser (the server writes several datetimes into every record it answers).
extension String {
  /// Appends `value` in decimal, at least `width` characters long (a minus sign counts toward the width).
  mutating func appendZeroPadded(_ value: Int, width: Int) {
    let digits = String(value.magnitude)
    let sign = value < 0 ? 1 : 0
    if value < 0 { append("-") }
    let padding = width - sign - digits.utf8.count
    if padding > 0 { append(String(repeating: "0", count: padding)) }
    append(digits)
  }
}
