import SObjectMetadata

/// Swift names for metadata names, per the Swift API Design Guidelines: lowerCamelCase properties
/// and cases, UpperCamelCase types, keywords escaped, collisions resolved deterministically.
enum SwiftNames {
  static let keywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
    "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
    "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
    "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw",
    "switch", "where", "while", "as", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
    "Any", "Type", "Protocol", "await", "async", "some", "any",
  ]

  /// `CommunicationChannel` → `communicationChannel`, `Id` → `id`, `URLField` → `urlField`.
  static func lowerCamel(_ name: String) -> String {
    let parts = NameWords.split(name)
    guard let first = parts.first else { return "_" }
    var result = first.lowercased()
    for word in parts.dropFirst() { result += word.prefix(1).uppercased() + word.dropFirst() }
    if let initial = result.first, initial.isNumber { result = "_" + result }
    return result
  }

  static func upperCamel(_ name: String) -> String {
    let parts = NameWords.split(name)
    guard !parts.isEmpty else { return "_" }
    var result = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    if let initial = result.first, initial.isNumber { result = "_" + result }
    return result
  }

  /// A name usable as an identifier: keywords in backticks.
  static func escaped(_ identifier: String) -> String {
    keywords.contains(identifier) ? "`\(identifier)`" : identifier
  }

  /// Distinct names for a list of names, in order: a repeated one gets `2`, `3`… appended.
  static func unique(_ names: [String]) -> [String] {
    var seen: [String: Int] = [:]
    return names.map { name in
      let count = (seen[name] ?? 0) + 1
      seen[name] = count
      return count == 1 ? name : "\(name)\(count)"
    }
  }

  /// A Swift string literal for any text.
  static func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
