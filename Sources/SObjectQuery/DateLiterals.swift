import Foundation

/// The time queries are judged against: the date literals (TODAY, LAST_N_DAYS:n, …) are ranges
/// around `now`, in UTC (the org's time zone here). Settable, so tests can fix it.
public struct QueryClock: Sendable {
  public var now: @Sendable () -> Date
  public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }
  public static func fixed(_ date: Date) -> QueryClock { QueryClock(now: { date }) }
}

/// A civil date (proleptic Gregorian, UTC).
struct CivilDate: Hashable, Comparable, Sendable {
  var year: Int
  var month: Int
  var day: Int

  /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
  var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  init(dayNumber: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }
  func adding(months: Int) -> CivilDate {
    let total = year * 12 + (month - 1) + months
    return CivilDate(year: total / 12, month: total % 12 + 1, day: 1)
  }
  /// 0 = Sunday.
  var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }

  var text: String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }

  static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// SOQL's date literals, from Salesforce's SOQL reference ("Date Formats and Date Literals"). The
/// fiscal year is taken to start in January, as an org's default; weeks start on Sunday.
enum DateLiterals {
  static let fixed: Set<String> = [
    "YESTERDAY", "TODAY", "TOMORROW", "LAST_WEEK", "THIS_WEEK", "NEXT_WEEK", "LAST_MONTH", "THIS_MONTH",
    "NEXT_MONTH", "LAST_90_DAYS", "NEXT_90_DAYS", "THIS_QUARTER", "LAST_QUARTER", "NEXT_QUARTER", "THIS_YEAR",
    "LAST_YEAR", "NEXT_YEAR", "THIS_FISCAL_QUARTER", "LAST_FISCAL_QUARTER", "NEXT_FISCAL_QUARTER",
    "THIS_FISCAL_YEAR", "LAST_FISCAL_YEAR", "NEXT_FISCAL_YEAR",
  ]
  static let withNumber: Set<String> = [
    "LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO", "NEXT_N_WEEKS", "LAST_N_WEEKS", "N_WEEKS_AGO", "NEXT_N_MONTHS",
    "LAST_N_MONTHS", "N_MONTHS_AGO", "NEXT_N_QUARTERS", "LAST_N_QUARTERS", "N_QUARTERS_AGO", "NEXT_N_YEARS",
    "LAST_N_YEARS", "N_YEARS_AGO", "NEXT_N_FISCAL_QUARTERS", "LAST_N_FISCAL_QUARTERS", "N_FISCAL_QUARTERS_AGO",
    "NEXT_N_FISCAL_YEARS", "LAST_N_FISCAL_YEARS", "N_FISCAL_YEARS_AGO",
  ]

  /// The days a literal covers: from `start` (included) to `end` (excluded).
  static func range(_ name: String, _ n: Int?, today: CivilDate) -> (start: CivilDate, end: CivilDate) {
    let n = n ?? 0
    let weekStart = today.adding(days: -today.weekday)
    let monthStart = CivilDate(year: today.year, month: today.month, day: 1)
    let quarterStart = CivilDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)
    let yearStart = CivilDate(year: today.year, month: 1, day: 1)
    func days(_ from: CivilDate, _ count: Int) -> (CivilDate, CivilDate) { (from, from.adding(days: count)) }
    func months(_ from: CivilDate, _ offset: Int, _ count: Int) -> (CivilDate, CivilDate) {
      (from.adding(months: offset), from.adding(months: offset + count))
    }
    switch name.replacingOccurrences(of: "FISCAL_", with: "") {
    case "YESTERDAY": return days(today.adding(days: -1), 1)
    case "TODAY": return days(today, 1)
    case "TOMORROW": return days(today.adding(days: 1), 1)
    case "LAST_WEEK": return days(weekStart.adding(days: -7), 7)
    case "THIS_WEEK": return days(weekStart, 7)
    case "NEXT_WEEK": return days(weekStart.adding(days: 7), 7)
    case "LAST_MONTH": return months(monthStart, -1, 1)
    case "THIS_MONTH": return months(monthStart, 0, 1)
    case "NEXT_MONTH": return months(monthStart, 1, 1)
    case "LAST_90_DAYS": return (today.adding(days: -90), today.adding(days: 1))
    case "NEXT_90_DAYS": return days(today.adding(days: 1), 90)
    case "LAST_N_DAYS": return (today.adding(days: -n), today.adding(days: 1))
    case "NEXT_N_DAYS": return days(today.adding(days: 1), n)
    case "N_DAYS_AGO": return days(today.adding(days: -n), 1)
    case "LAST_N_WEEKS": return (weekStart.adding(days: -7 * n), weekStart)
    case "NEXT_N_WEEKS": return days(weekStart.adding(days: 7), 7 * n)
    case "N_WEEKS_AGO": return days(weekStart.adding(days: -7 * n), 7)
    case "LAST_N_MONTHS": return months(monthStart, -n, n)
    case "NEXT_N_MONTHS": return months(monthStart, 1, n)
    case "N_MONTHS_AGO": return months(monthStart, -n, 1)
    case "THIS_QUARTER": return months(quarterStart, 0, 3)
    case "LAST_QUARTER": return months(quarterStart, -3, 3)
    case "NEXT_QUARTER": return months(quarterStart, 3, 3)
    case "LAST_N_QUARTERS": return months(quarterStart, -3 * n, 3 * n)
    case "NEXT_N_QUARTERS": return months(quarterStart, 3, 3 * n)
    case "N_QUARTERS_AGO": return months(quarterStart, -3 * n, 3)
    case "THIS_YEAR": return months(yearStart, 0, 12)
    case "LAST_YEAR": return months(yearStart, -12, 12)
    case "NEXT_YEAR": return months(yearStart, 12, 12)
    case "LAST_N_YEARS": return months(yearStart, -12 * n, 12 * n)
    case "NEXT_N_YEARS": return months(yearStart, 12, 12 * n)
    case "N_YEARS_AGO": return months(yearStart, -12 * n, 12)
    default: return days(today, 1)
    }
  }

  static func today(_ clock: QueryClock) -> CivilDate {
    let seconds = Int(floor(clock.now().timeIntervalSince1970))
    return CivilDate(dayNumber: Int(floor(Double(seconds) / 86_400)))
  }

  /// `2024-05-01`: a valid date.
  static func parseDate(_ text: String) -> CivilDate? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month),
      day >= 1
    else { return nil }
    let date = CivilDate(year: year, month: month, day: day)
    guard CivilDate(dayNumber: date.dayNumber) == date else { return nil }
    return date
  }

  /// `2024-05-01T09:30:00Z`, `2024-05-01T09:30:00.123+02:00`, `…-0800`: the instant, in
  /// milliseconds since 1970, UTC.
  static func parseDateTime(_ text: String) -> Int64? {
    guard let t = text.firstIndex(of: "T"), let date = parseDate(String(text[..<t])) else { return nil }
    var rest = text[text.index(after: t)...]
    guard rest.count >= 8 else { return nil }
    let clock = rest.prefix(8)
    let hms = clock.split(separator: ":")
    guard hms.count == 3, hms.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
      let h = Int(hms[0]), let m = Int(hms[1]), let s = Int(hms[2]), h < 24, m < 60, s < 60
    else { return nil }
    rest = rest.dropFirst(8)
    var millis = 0
    if rest.first == "." {
      rest = rest.dropFirst()
      let digits = rest.prefix { $0.isASCIIDigit }
      guard !digits.isEmpty, digits.count <= 9 else { return nil }
      millis = Int((digits + "000").prefix(3))!
      rest = rest.dropFirst(digits.count)
    }
    var zoneMinutes = 0
    if rest == "Z" {
      rest = ""
    } else if let sign = rest.first, sign == "+" || sign == "-" {
      let zone = rest.dropFirst().replacingOccurrences(of: ":", with: "")
      guard zone.count == 4, zone.allSatisfy(\.isASCIIDigit), let zh = Int(zone.prefix(2)),
        let zm = Int(zone.suffix(2)), zh < 24, zm < 60
      else { return nil }
      zoneMinutes = (zh * 60 + zm) * (sign == "+" ? 1 : -1)
      rest = ""
    } else {
      return nil
    }
    let seconds = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + m * 60 + s) - Int64(zoneMinutes * 60)
    return seconds * 1000 + Int64(millis)
  }

  /// An instant as the datetime text parameters carry: `2024-05-01T09:30:00.000Z`.
  static func format(millis: Int64) -> String {
    let seconds = Int(floorDiv(millis, 1000))
    let ms = Int(millis - Int64(seconds) * 1000)
    let day = CivilDate(dayNumber: Int(floorDiv(Int64(seconds), 86_400)))
    let inDay = seconds - day.dayNumber * 86_400
    return day.text + String(format: "T%02d:%02d:%02d.%03dZ", inDay / 3600, inDay / 60 % 60, inDay % 60, ms)
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
