/// The database engines the SQL output targets, and how each spells what the schema holds:
/// quoted identifiers, string literals, comments and column types.
public enum SQLDialect: String, CaseIterable, Sendable {
  /// SQLite 3.40 or later: STRICT tables, CHECK constraints for what the storage classes cannot say.
  case sqlite
  /// PostgreSQL 15.
  case postgresql

  /// The file `generate` writes for this dialect, relative to the output folder.
  public var outputPath: String { "sql/\(rawValue).sql" }

  public var displayName: String {
    switch self {
    case .sqlite: return "SQLite 3.40+"
    case .postgresql: return "PostgreSQL 15"
    }
  }

  /// An identifier in double quotes, inner double quotes doubled: standard SQL, understood by both
  /// engines, and case-preserving (`"OwnerId"` stays `OwnerId`). NUL cannot appear in an
  /// identifier of either engine and is dropped.
  public func quoted(_ identifier: String) -> String {
    // Nearly every identifier has neither: skip Foundation's search, the slowest step of the DDL.
    guard identifier.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\"") }) else {
      return "\"" + identifier + "\""
    }
    return "\"" + identifier.replacingOccurrences(of: "\u{0}", with: "").replacingOccurrences(of: "\"", with: "\"\"")
      + "\""
  }

  /// A string literal in single quotes, inner single quotes doubled. Backslashes are ordinary
  /// characters in both engines' standard strings (PostgreSQL's `standard_conforming_strings`,
  /// on by default since 9.1). NUL, which neither engine stores in text, is dropped.
  public func literal(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "'") }) else { return "'" + text + "'" }
    // ASCII text has no composed characters, so Foundation's search finds exactly the quote bytes.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = [UInt8(ascii: "'")]
      bytes.reserveCapacity(text.utf8.count + 8)
      for byte in text.utf8 where byte != 0 {
        bytes.append(byte)
        if byte == UInt8(ascii: "'") { bytes.append(byte) }
      }
      bytes.append(UInt8(ascii: "'"))
      return String(decoding: bytes, as: UTF8.self)
    }
    return "'" + text.replacingOccurrences(of: "\u{0}", with: "").replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// The text as `-- ` comment lines indented by `indent`: one comment line per line of text, so
  /// that no line break, `*/` or `;` in the text can end the comment early.
  public func commentLines(_ text: String, indent: String = "") -> [String] {
    // Most texts are one line without control characters: no bytes below 0x20, and none of the
    // lead bytes of U+0085, U+2028 and U+2029 (the other newlines). Splitting by Character and
    // mapping each one costs a third of making the DDL; the result is the same.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0xC2 && $0 != 0xE2 }) {
      return [(indent + "-- " + text).trimmingTrailingSpaces()]
    }
    return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
      let cleaned = String(line.map { $0.isASCII && $0.asciiValue! < 0x20 ? " " : $0 })
      return (indent + "-- " + cleaned).trimmingTrailingSpaces()
    }
  }

  /// The column type that holds values of `type`.
  public func typeName(_ type: SQLColumnType) -> String {
    switch (self, type) {
    case (.sqlite, .id), (.sqlite, .text), (.sqlite, .date), (.sqlite, .datetime), (.sqlite, .time):
      return "TEXT"
    case (.sqlite, .boolean), (.sqlite, .integer), (.sqlite, .bigint):
      return "INTEGER"
    case (.sqlite, .decimal): return "REAL"
    case (.sqlite, .binary): return "BLOB"
    case (.postgresql, .id): return "VARCHAR(18)"
    case (.postgresql, .text(let length?)): return "VARCHAR(\(length))"
    case (.postgresql, .text(nil)): return "TEXT"
    case (.postgresql, .boolean): return "BOOLEAN"
    case (.postgresql, .integer): return "INTEGER"
    case (.postgresql, .bigint): return "BIGINT"
    case (.postgresql, .decimal(let precision, let scale)): return "NUMERIC(\(precision), \(scale))"
    case (.postgresql, .date): return "DATE"
    case (.postgresql, .datetime): return "TIMESTAMPTZ"
    case (.postgresql, .time): return "TIME"
    case (.postgresql, .binary): return "BYTEA"
    }
  }

  /// The constant a DEFAULT clause gives for a metadata default.
  func defaultExpression(_ value: SQLDefault) -> String {
    switch (self, value) {
    case (.sqlite, .boolean(let flag)): return flag ? "1" : "0"
    case (.postgresql, .boolean(let flag)): return flag ? "TRUE" : "FALSE"
    case (_, .number(let digits)): return digits
    case (_, .text(let text)): return literal(text)
    }
  }

  /// The number of characters in a text value.
  func lengthFunction(_ column: String) -> String {
    switch self {
    case .sqlite: return "length(\(quoted(column)))"
    case .postgresql: return "char_length(\(quoted(column)))"
    }
  }

  /// An 18-character ID: letters and digits only, and the last three characters (read without
  /// regard to case) the checksum of the first fifteen, computed as `AnySalesforceID` does: per
  /// five characters, a bit per upper-case letter, read as an index into A–Z0–5.
  func idCheck(_ column: String) -> String {
    // About 1 KB of text that differs between columns only in the column's name, made once per
    // dialect (`idCheckPieces`) and joined with the name: it is in every table, several times.
    (self == .sqlite ? SQLDialect.sqliteIDCheckPieces : SQLDialect.postgresqlIDCheckPieces)
      .joined(separator: quoted(column))
  }

  private static let sqliteIDCheckPieces = SQLDialect.sqlite.idCheckPieces()
  private static let postgresqlIDCheckPieces = SQLDialect.postgresql.idCheckPieces()

  /// `idCheck`'s text cut where the quoted column name goes.
  private func idCheckPieces() -> [String] {
    let marker: Character = "\u{0}"  // in no SQL text this makes
    let c = String(marker)
    let alphanumeric: String
    switch self {
    case .sqlite: alphanumeric = "\(c) NOT GLOB '*[^A-Za-z0-9]*'"
    case .postgresql: alphanumeric = "\(c) ~ '^[A-Za-z0-9]*$'"
    }
    let checksum = (0..<3).map { chunk in
      let bits = (0..<5).map { position -> String in
        let isUpper = "substr(\(c), \(chunk * 5 + position + 1), 1) BETWEEN 'A' AND 'Z'"
        let bit = self == .postgresql ? "(\(isUpper))::int" : "(\(isUpper))"
        return position == 0 ? bit : "\(1 << position) * \(bit)"
      }
      return
        "upper(substr(\(c), \(16 + chunk), 1)) = substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1 + \(bits.joined(separator: " + ")), 1)"
    }
    let length: String
    switch self {
    case .sqlite: length = "length(\(c))"
    case .postgresql: length = "char_length(\(c))"
    }
    return ([("\(length) = 18"), alphanumeric] + checksum).joined(separator: " AND ")
      .split(separator: marker, omittingEmptySubsequences: false).map(String.init)
  }

  /// A multi-select picklist's value (`a;b`) holds only `values`: with `;` doubled and the whole
  /// wrapped in `;`, each selected value stands as `;v;`, and removing every listed one leaves
  /// nothing. An empty selection is stored as NULL, not as ''.
  func everyValueListed(_ column: String, _ values: [String]) -> String {
    var expression = "';' || replace(\(quoted(column)), ';', ';;') || ';'"
    for value in values {
      expression = "replace(\(expression), \(literal(";" + value + ";")), '')"
    }
    return "\(expression) = ''"
  }

  /// The longest identifier the engine keeps (PostgreSQL's NAMEDATALEN - 1 bytes); longer
  /// constraint and index names are shortened by `objectName`.
  static let maximumIdentifierBytes = 63

  /// A constraint, index, trigger or function name built from its parts, joined by `_`. Names
  /// longer than PostgreSQL keeps are cut and given a hash of the whole, so that they stay unique
  /// and the same in both dialects.
  public static func objectName(_ parts: String...) -> String {
    let whole = parts.joined(separator: "_")
    guard whole.utf8.count > maximumIdentifierBytes else { return whole }
    var hash: UInt32 = 2_166_136_261  // FNV-1a
    for byte in whole.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    let suffix = "_" + String(hash, radix: 16).leftPadded(to: 8)
    var prefix = ""
    for character in whole {
      if prefix.utf8.count + String(character).utf8.count + suffix.utf8.count > maximumIdentifierBytes { break }
      prefix.append(character)
    }
    return prefix + suffix
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }

  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
