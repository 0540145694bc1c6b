import Foundation

/// A datetime as the REST API writes it (`2024-03-01T10:05:00.000+0000`). Decoding also accepts
/// RFC 3339 (`2024-03-01T10:05:00Z`, `2024-03-01T11:05:00.5+01:00`); encoding writes the REST form in UTC.
public struct SalesforceDateTime: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public var date: Date

  public init(_ date: Date) { self.date = date }

  public init?(_ text: String) {
    guard let date = SalesforceDateTime.parse(text) else { return nil }
    self.date = date
  }

  public static func < (lhs: SalesforceDateTime, rhs: SalesforceDateTime) -> Bool { lhs.date < rhs.date }

  /// The REST form, in UTC with milliseconds.
  public var description: String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    let millisecond = Int(milliseconds - seconds * 1000)
    let (days, secondOfDay) = divide(seconds, by: 86_400)
    let (year, month, day) = CivilDate.fromDays(days)
    var text = ""
    text.reserveCapacity(28)
    text.appendZeroPadded(year, width: 4)
    text.append("-")
    text.appendZeroPadded(month, width: 2)
    text.append("-")
    text.appendZeroPadded(day, width: 2)
    text.append("T")
    text.appendZeroPadded(Int(secondOfDay / 3600), width: 2)
    text.append(":")
    text.appendZeroPadded(Int(secondOfDay % 3600 / 60), width: 2)
    text.append(":")
    text.appendZeroPadded(Int(secondOfDay % 60), width: 2)
    text.append(".")
    text.appendZeroPadded(millisecond, width: 3)
    text.append("+0000")
    return text
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = SalesforceDateTime.parse(text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "'\(text)' is not a datetime (2024-03-01T10:05:00.000+0000 or RFC 3339)"))
    }
    self.date = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm|±hhmm)`.
  static func parse(_ text: String) -> Date? {
    var scanner = DigitScanner(text)
    guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
      let day = scanner.number(2), scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
      let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2), scanner.skip(":"),
      let second = scanner.number(2),
      (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
      hour < 24, minute < 60, second < 61
    else { return nil }
    var fraction = 0.0
    if scanner.skip(".") {
      guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
      fraction = Double("0." + digits) ?? 0
    }
    var offsetSeconds = 0
    if scanner.skip("Z") || scanner.skip("z") {
      offsetSeconds = 0
    } else if let sign = scanner.sign() {
      guard let hours = scanner.number(2) else { return nil }
      _ = scanner.skip(":")
      guard let minutes = scanner.number(2), hours < 24, minutes < 60 else { return nil }
      offsetSeconds = sign * (hours * 3600 + minutes * 60)
    } else {
      return nil
    }
    guard scanner.isAtEnd else { return nil }
    let days = CivilDate.toDays(year: year, month: month, day: day)
    let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
    return Date(timeIntervalSince1970: seconds)
  }
}

/// A date as the REST API writes it (`2024-03-01`).
public struct SalesforceDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Accepts `2024-03-01`, and (as RFC 3339 full-date does) nothing else.
  public init?(_ text: String) {
    var scanner = DigitScanner(text)
    guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
      let day = scanner.number(2), scanner.isAtEnd
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  public var description: String {
    var text = ""
    text.appendZeroPadded(year, width: 4)
    text.append("-")
    text.appendZeroPadded(month, width: 2)
    text.append("-")
    text.appendZeroPadded(day, width: 2)
    return text
  }

  public static func < (lhs: SalesforceDate, rhs: SalesforceDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = SalesforceDate(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date (2024-03-01)"))
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A time of day as the REST API writes it (`10:05:00.000Z`); decoding also accepts `10:05:00`,
/// `10:05:00Z` and RFC 3339 partial times.
public struct SalesforceTime: Hashable, Sendable, Codable, CustomStringConvertible {
  public var millisecondsSinceMidnight: Int

  public init?(hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
    guard hour < 24, minute < 60, second < 60, millisecond < 1000, hour >= 0, minute >= 0, second >= 0,
      millisecond >= 0
    else { return nil }
    millisecondsSinceMidnight = ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  }

  public init?(_ text: String) {
    var scanner = DigitScanner(text)
    guard let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2), scanner.skip(":"),
      let second = scanner.number(2)
    else { return nil }
    var millisecond = 0
    if scanner.skip(".") {
      guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
      millisecond = Int((Double("0." + digits)! * 1000).rounded(.down))
    }
    _ = scanner.skip("Z") || scanner.skip("z")
    guard scanner.isAtEnd else { return nil }
    self.init(hour: hour, minute: minute, second: second, millisecond: millisecond)
  }

  public var description: String {
    let ms = millisecondsSinceMidnight
    var text = ""
    text.appendZeroPadded(ms / 3_600_000, width: 2)
    text.append(":")
    text.appendZeroPadded(ms / 60_000 % 60, width: 2)
    text.append(":")
    text.appendZeroPadded(ms / 1000 % 60, width: 2)
    text.append(".")
    text.appendZeroPadded(ms % 1000, width: 3)
    text.append("Z")
    return text
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let time = SalesforceTime(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a time (10:05:00.000Z)"))
    }
    self = time
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

private func divide(_ value: Int64, by divisor: Int64) -> (Int, Int64) {
  var quotient = value / divisor
  var remainder = value % divisor
  if remainder < 0 {
    quotient -= 1
    remainder += divisor
  }
  return (Int(quotient), remainder)
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithms).
enum CivilDate {
  static func toDays(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func fromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

/// Reads fixed-width numbers and punctuation from ASCII text.
struct DigitScanner {
  private let bytes: [UInt8]
  private var index = 0

  init(_ text: String) { bytes = Array(text.utf8) }

  var isAtEnd: Bool { index == bytes.count }

  mutating func number(_ width: Int) -> Int? {
    guard index + width <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[index..<index + width] {
      guard (48...57).contains(byte) else { return nil }
      value = value * 10 + Int(byte - 48)
    }
    index += width
    return value
  }

  mutating func digits() -> String? {
    let start = index
    while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  mutating func skip(_ character: Character) -> Bool {
    guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
    index += 1
    return true
  }

  mutating func sign() -> Int? {
    if skip("+") { return 1 }
    if skip("-") { return -1 }
    return nil
  }
}
