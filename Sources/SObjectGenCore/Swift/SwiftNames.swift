import Foundation
import SObjectMetadata

/// The one place that decides Swift identifiers and renders text into Swift source.
///
/// Names follow the Swift API Design Guidelines (lowerCamelCase properties and cases, UpperCamelCase
/// types) and are always plain ASCII identifiers. A name that would clash with a keyword is written in
/// backticks; one that would clash with a name Swift, Foundation or the runtime uses, or with a member
/// the generated code declares, gets a suffix; names that collide after that are numbered, in a
/// deterministic order. The API name stays exact: it is what the coding keys and `Field` raw values hold.
enum SwiftNames {
  /// Words that must be written in backticks to be used as names.
  static let keywords: Set<String> = [
    "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
    "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
    "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
    "in", "repeat", "return", "throw", "switch", "where", "while", "as", "false", "is", "nil", "self", "Self",
    "super", "throws", "true", "try", "Any", "Type", "Protocol", "await", "async", "some", "any", "actor",
    "macro", "consume", "copy", "discard", "each", "then", "_",
  ]

  /// Names that even in backticks do not work as members of every kind (`.init`, `.self`, `.Type`…).
  static let unusableMemberNames: Set<String> = [
    "init", "deinit", "subscript", "self", "Self", "super", "Type", "Protocol", "_",
  ]

  /// Type names the generated code (and the runtime's API it uses) refers to without a module prefix:
  /// a generated type of the same name would shadow them. Every public type of SObjectRuntime is here
  /// (a test keeps the list complete).
  static let reservedTypeNames: Set<String> = [
    // Swift
    "Swift", "String", "Substring", "Character", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8",
    "UInt16", "UInt32", "UInt64", "Double", "Float", "Bool", "Array", "Dictionary", "Set", "Optional",
    "Result", "Any", "AnyObject", "AnyHashable", "Self", "Type", "Protocol", "Error", "Never", "Void",
    "Codable", "Decodable", "Encodable", "Decoder", "Encoder", "CodingKey", "CodingUserInfoKey",
    "EncodingError", "DecodingError", "Hashable", "Hasher", "Equatable", "Comparable", "Sendable",
    "Identifiable", "CaseIterable", "RawRepresentable", "CustomStringConvertible",
    "CustomDebugStringConvertible", "Sequence", "Collection", "KeyedDecodingContainer",
    "KeyedEncodingContainer",
    // Foundation
    "Foundation", "Date", "Data", "URL", "Bundle", "JSONDecoder", "JSONEncoder", "NSObject",
    // The runtime and the generated modules
    "SObjectRuntime", "SObjectModels", "SObjectGenResources", "APIVersion", "AnySalesforceID",
    "FieldMetadata", "FieldType", "FixedClock", "MultiPicklist", "MultiplePicklistValues", "PicklistValue",
    "PolymorphicReference",
    "RecordAttributes", "RequestBody", "RequestBodyBuilder", "RequestOperation", "RequestValidationError",
    "RequestValidationIssue", "SObject", "SObjectClock", "SObjectField", "SalesforceDate",
    "SalesforceDateTime", "SalesforceID", "SalesforceTime", "SystemClock",
    // Nested in every record struct
    "Field", "CodingKeys",
  ]

  /// Members a property name would redeclare: in the record struct (`attributes`), its `Field`
  /// enum (`allCases`) or its `CodingKeys`. (Others, such as `since` or `description`, coexist.)
  static let reservedPropertyNames: Set<String> = unusableMemberNames.union(["attributes", "allCases"])

  /// Members a picklist enum declares or synthesizes: a case must not take them.
  static let reservedPicklistCaseNames: Set<String> = unusableMemberNames.union([
    "other", "knownValues", "allCases",
  ])

  /// Members a polymorphic reference enum declares: a case must not take them.
  static let reservedReferenceCaseNames: Set<String> = unusableMemberNames.union(["unresolved", "targetObjects"])

  // MARK: - Words

  /// The words of a name, each made of ASCII letters and digits only: diacritics are dropped
  /// (`Café` → `Cafe`), other letters become `U` and their code point (`日` → `U65E5`). A name
  /// without letters or digits is spelt by the Unicode names of its characters (`-` → hyphen minus).
  static func words(_ name: String) -> [String] {
    var words = NameWords.split(name).map(asciiWord).filter { !$0.isEmpty }
    if words.isEmpty {
      let spelt = name.unicodeScalars.map { scalar in
        scalar.properties.name ?? scalar.properties.nameAlias ?? "U\(String(scalar.value, radix: 16, uppercase: true))"
      }
      words = spelt.flatMap { NameWords.split($0.lowercased()) }.map(asciiWord).filter { !$0.isEmpty }
    }
    return words
  }

  private static func asciiWord(_ word: String) -> String {
    let folded = word.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
    var out = ""
    for scalar in folded.unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        out += "U\(String(scalar.value, radix: 16, uppercase: true))"
      }
    }
    return out
  }

  /// `CommunicationChannel` → `communicationChannel`, `Id` → `id`, `URLField` → `urlField`.
  static func lowerCamel(_ name: String) -> String {
    asciiCamel(name, upper: false) ?? camel(words(name), upper: false)
  }

  static func upperCamel(_ name: String) -> String {
    asciiCamel(name, upper: true) ?? camel(words(name), upper: true)
  }

  /// The words joined in camel case: each word's first letter upper case, the rest as it is; with
  /// `upper` false, the first word all lower case. `_` first when the result starts with a digit.
  static func camel(_ parts: [String], upper: Bool) -> String {
    guard let first = parts.first else { return "_" }
    var result = upper ? first.prefix(1).uppercased() + first.dropFirst() : first.lowercased()
    for word in parts.dropFirst() { result += word.prefix(1).uppercased() + word.dropFirst() }
    if let initial = result.first, initial.isNumber { result = "_" + result }
    return result
  }

  /// `camel(words(name), upper:)` read from the bytes of an ASCII name (most names), without
  /// breaking it into characters or folding it: in ASCII, letters and digits are the bytes
  /// `A`–`Z`, `a`–`z`, `0`–`9`, and `words` splits as `NameWords.split` does. Nil for a name that
  /// is not ASCII or has no letter or digit (spelt by `words`).
  static func asciiCamel(_ name: String, upper: Bool) -> String? {
    func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    var name = name
    return name.withUTF8 { bytes -> String? in
      guard let words = NameWords.asciiWordRanges(bytes), !words.isEmpty else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 1)
      for (number, word) in words.enumerated() {
        for index in word {
          let byte = bytes[index]
          if number == 0 && !upper {
            out.append(isUpper(byte) ? byte + 0x20 : byte)
          } else {
            out.append(index == word.lowerBound && isLower(byte) ? byte - 0x20 : byte)
          }
        }
      }
      if out[0] >= 0x30 && out[0] <= 0x39 { out.insert(UInt8(ascii: "_"), at: 0) }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// ASCII without CR or LF: a line whose characters are its bytes.
  static func isSingleLineASCII(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      for byte in bytes where byte >= 0x80 || byte == 0x0A || byte == 0x0D { return false }
      return true
    } ?? text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }
  }

  /// A name usable as an identifier: keywords in backticks.
  static func escaped(_ identifier: String) -> String {
    keywords.contains(identifier) ? "`\(identifier)`" : identifier
  }

  // MARK: - Collisions

  /// Distinct names for a list of wanted names, one per entry and in the same order.
  ///
  /// A wanted name in `reserved` gets `suffix` appended first. Then each distinct name goes to one
  /// entry: exact names choose first (`StartTime` before `Start_Time`, `StringObject` before
  /// `String` made `StringObject`), then in list order; the others are numbered from 2
  /// (`startTime2`), skipping every name already taken or wanted by another entry.
  static func unique(
    _ wanted: [String], sources: [String]? = nil, reserved: Set<String> = [], suffix: String = ""
  ) -> [String] {
    let sources = sources ?? wanted
    let base = wanted.map { reserved.contains($0) ? $0 + suffix : $0 }
    // Names that fit exactly choose first, then those made from a name with separators, then those
    // that had to take the suffix; in list order within each.
    let rank = base.indices.map { index in
      reserved.contains(wanted[index]) ? 2 : hasSeparator(sources[index]) ? 1 : 0
    }
    let order = base.indices.sorted { (rank[$0], $0) < (rank[$1], $1) }
    var taken = reserved
    var result = [String?](repeating: nil, count: base.count)
    for index in order where !taken.contains(base[index]) {
      result[index] = base[index]
      taken.insert(base[index])
    }
    let allWanted = Set(base)
    for index in order where result[index] == nil {
      var number = 2
      while taken.contains("\(base[index])\(number)") || allWanted.contains("\(base[index])\(number)") {
        number += 1
      }
      result[index] = "\(base[index])\(number)"
      taken.insert(result[index]!)
    }
    return result.map { $0! }
  }

  /// Whether the name has a scalar other than an ASCII letter or digit. Read as bytes: every byte
  /// of a scalar outside ASCII is 0x80 or more, and an ASCII letter is alphabetic exactly when it
  /// is `A`–`Z` or `a`–`z`.
  private static func hasSeparator(_ name: String) -> Bool {
    name.utf8.contains { byte in
      !((0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte))
    }
  }

  // MARK: - Text in Swift source

  /// A Swift string literal for any text: quotes, backslashes, every line terminator, control and
  /// bidirectional formatting characters are escaped, so nothing can end the literal early.
  static func literal(_ text: String) -> String {
    // Printable ASCII but quotes and backslashes (most text) is kept as it is.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars { appendEscaped(scalar, to: &out) }
    return out + "\""
  }

  private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "\0": out += "\\0"
    case _ where needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    default: out.unicodeScalars.append(scalar)
    }
  }

  /// `literal(text)` when it is at most `first` characters long; otherwise the text cut between
  /// characters (never inside a character or an escape) into literals joined with `+`: the first
  /// piece at most `first` characters, each later one a line `  + "…"` of at most `rest`. Every
  /// piece holds at least one character, however narrow the room.
  static func literal(_ text: String, first: Int, rest: Int) -> [String] {
    let whole = literal(text)
    if width(of: whole) <= first { return [whole] }
    var pieces: [String] = []
    var current = "\""
    var currentCount = 1
    for character in text {
      var escaped = ""
      for scalar in character.unicodeScalars { appendEscaped(scalar, to: &escaped) }
      let limit = pieces.isEmpty ? first : rest - 4
      if currentCount > 1 && currentCount + escaped.count + 1 > limit {
        pieces.append(current + "\"")
        current = "\""
        currentCount = 1
      }
      current += escaped
      currentCount = current.count
    }
    pieces.append(current + "\"")
    return pieces.enumerated().map { $0.offset == 0 ? $0.element : "  + " + $0.element }
  }

  /// A word of comment text (as `commentText` makes it) cut into pieces of at most `width`
  /// characters, never inside a `\u{…}` escape; the word itself when it fits.
  static func cut(_ word: Substring, width: Int) -> [Substring] {
    // A character has at least one byte: within the width in bytes is within it in characters.
    if word.utf8.count <= width || word.count <= width { return [word] }
    var pieces: [Substring] = []
    var start = word.startIndex
    var count = 0
    var index = word.startIndex
    while index < word.endIndex {
      // An escape `\u{…}` is one unit.
      var next = word.index(after: index)
      if word[index] == "\\", word[next...].hasPrefix("u{"),
        let close = word[next...].prefix(10).firstIndex(of: "}")
      {
        next = word.index(after: close)
      }
      let unit = word.distance(from: index, to: next)
      if count > 0 && count + unit > width {
        pieces.append(word[start..<index])
        start = index
        count = 0
      }
      count += unit
      index = next
    }
    pieces.append(word[start..<word.endIndex])
    return pieces
  }

  /// Characters never written as they are into generated source: C0 and C1 controls (tab aside),
  /// DEL, line and paragraph separators, bidirectional overrides and isolates, the byte order mark,
  /// and noncharacters.
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    switch value {
    case 0x00..<0x20 where value != 0x09, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E,
      0x2066...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
      return true
    default:
      // The 66 noncharacters (`Unicode.Scalar.Properties.isNoncharacterCodePoint`, a table lookup
      // that was a tenth of a large org's Swift output): U+FDD0–U+FDEF and the last two code points
      // of every plane.
      return (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }
  }

  /// The characters of a line of code: its bytes when it is ASCII without CR (the one ASCII pair,
  /// CR LF, that is a single character), without breaking it into characters.
  static func width(of line: String) -> Int {
    let isSimple = line.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    return isSimple ? line.utf8.count : line.count
  }

  /// Line terminators as Unicode and Swift count them; CR LF is one.
  static func lines(_ text: String) -> [Substring] {
    // Byte by byte: each terminator is a character of its own (grapheme clusters break before and
    // after controls and separators), CR LF excepted, so the pieces are those of splitting the
    // characters. NEL is C2 85 in UTF-8, U+2028 and U+2029 E2 80 A8 and E2 80 A9.
    let utf8 = text.utf8
    var lines: [Substring] = []
    var start = utf8.startIndex
    var index = start
    while index < utf8.endIndex {
      let next = utf8.index(after: index)
      let following = next < utf8.endIndex ? utf8[next] : 0
      var end: String.Index?
      switch utf8[index] {
      case 0x0A, 0x0B, 0x0C: end = next
      case 0x0D: end = following == 0x0A ? utf8.index(after: next) : next
      case 0xC2 where following == 0x85: end = utf8.index(after: next)
      case 0xE2 where following == 0x80:
        let third = utf8.index(after: next)
        if third < utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 { end = utf8.index(after: third) }
      default: break
      }
      if let end {
        lines.append(text[start..<index])
        start = end
        index = end
      } else {
        index = next
      }
    }
    lines.append(text[start..<utf8.endIndex])
    return lines
  }

  /// One line of text made safe for a `//` comment: no line terminator, control or bidirectional
  /// formatting character is left as it is (each becomes `\u{…}`), tabs become spaces.
  static func commentText(_ line: some StringProtocol) -> String {
    // Printable ASCII (space to tilde) is kept as it is.
    if line.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return String(line) }
    var out = ""
    for scalar in line.unicodeScalars {
      if scalar == "\t" {
        out += " "
      } else if needsEscape(scalar) {
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// Every Swift name of one model, decided once: the type of each object, and per object its
/// properties, nested types and enum cases.
struct SwiftNaming {
  /// Swift type name by object API name.
  let typeNames: [String: String]

  init(model: MetadataModel) {
    let names = model.objects.map(\.name)
    let types = SwiftNames.unique(
      names.map(SwiftNames.upperCamel), sources: names, reserved: SwiftNames.reservedTypeNames, suffix: "Object")
    typeNames = Dictionary(uniqueKeysWithValues: zip(names, types))
    reservedNestedTypeNames = SwiftNames.reservedTypeNames.union(types)
  }

  func typeName(forObject name: String) -> String {
    typeNames[name] ?? SwiftNames.upperCamel(name)
  }

  /// Names nested types of a record struct must avoid: they would shadow what its code refers to.
  let reservedNestedTypeNames: Set<String>

  /// Property names for the fields of an object, in order.
  func propertyNames(_ fields: [FieldDefinition]) -> [String] {
    let names = fields.map(\.name)
    return SwiftNames.unique(
      names.map(SwiftNames.lowerCamel), sources: names, reserved: SwiftNames.reservedPropertyNames,
      suffix: "Field")
  }

  /// Case names for the values of a picklist, in order.
  func caseNames(_ picklist: PicklistDefinition) -> [String] {
    let values = picklist.values.map(\.value)
    return SwiftNames.unique(
      values.map(SwiftNames.lowerCamel), sources: values, reserved: SwiftNames.reservedPicklistCaseNames,
      suffix: "Value")
  }

  /// Case names for the targets of a polymorphic reference, in order.
  func referenceCaseNames(_ targets: [String]) -> [String] {
    SwiftNames.unique(
      targets.map(SwiftNames.lowerCamel), sources: targets, reserved: SwiftNames.reservedReferenceCaseNames,
      suffix: "Object")
  }
}
