import Foundation
import Yams

/// Collects the diagnostics of one file while it is read.
final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []
  let file: String

  init(file: String) {
    self.file = file
  }

  func error(_ message: String, at node: Node?) {
    diagnostics.append(.error(message, at: location(of: node)))
  }

  func error(_ message: String, at location: SourceLocation?) {
    diagnostics.append(.error(message, at: location))
  }

  func location(of node: Node?) -> SourceLocation? {
    guard let mark = node?.mark else { return nil }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }
}

/// How YAML 1.2's core schema (the one editors and the JSON Schema tooling use) reads a plain scalar.
enum CoreScalarKind: Equatable {
  case null
  case boolean(Bool)
  case integer, float, string

  init(plain text: String) {
    // Most scalars are words, settled by their first byte and length: a null, a boolean or a number
    // starts with a digit, a sign, a point or a tilde, or is null or true (four letters, from n or t)
    // or false (five, from f) in some spelling.
    if let first = text.utf8.first {
      let lower = first | 0x20
      let count = text.utf8.count
      let mayBeOther =
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "+")
        || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "~")
        || (lower == UInt8(ascii: "n") || lower == UInt8(ascii: "t")) && count == 4
        || lower == UInt8(ascii: "f") && count == 5
      if !mayBeOther {
        self = .string
        return
      }
    }
    switch text {
    case "", "~", "null", "Null", "NULL": self = .null
    case "true", "True", "TRUE": self = .boolean(true)
    case "false", "False", "FALSE": self = .boolean(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
      ".NaN", ".NAN":
      self = .float
    default:
      if CoreScalarKind.isInteger(text) {
        self = .integer
      } else if CoreScalarKind.isFloat(text) {
        self = .float
      } else {
        self = .string
      }
    }
  }

  private static func isInteger(_ text: String) -> Bool {
    var body = Substring(text)
    if body.hasPrefix("0x") { return body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit) }
    if body.hasPrefix("0o") {
      return body.count > 2 && body.dropFirst(2).allSatisfy { ("0"..."7").contains($0) }
    }
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    return !body.isEmpty && body.allSatisfy(\.isASCIIDigit)
  }

  private static func isFloat(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    var mantissa = body
    var exponent: Substring?
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = body[..<e]
      exponent = body[body.index(after: e)...]
    }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard !mantissa.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
    else { return false }
    if parts.count == 1 && exponent == nil { return false }
    if parts.count == 2 && parts[0].isEmpty && parts[1].isEmpty { return false }
    if var exponent {
      if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
      return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }
    return true
  }

  var name: String {
    switch self {
    case .null: return "null"
    case .boolean: return "a boolean"
    case .integer: return "a number"
    case .float: return "a number"
    case .string: return "a string"
    }
  }
}

extension Node {
  /// The YAML 1.2 core-schema kind of a scalar (quoted scalars are always strings).
  var coreKind: CoreScalarKind? {
    guard let scalar else { return nil }
    return scalar.style == .plain ? CoreScalarKind(plain: scalar.string) : .string
  }

  var isNull: Bool { coreKind == .null }

  var kindName: String {
    switch self {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar: return coreKind?.name ?? "a scalar"
    case .alias: return "an alias"
    }
  }
}

/// Reads one YAML mapping with a fixed set of keys, reporting unknown keys and wrong kinds of value.
struct MappingReader {
  let node: Node
  let pairs: [(key: String, keyNode: Node, value: Node)]
  let sink: DiagnosticSink
  /// Allowed keys that an unknown key was reported as a likely misspelling of: the mistake has one
  /// error already, so the key is not reported missing as well.
  let suggestedKeys: Set<String>

  /// Nil (after reporting) when `node` is not a mapping.
  init?(_ node: Node, what: String, allowedKeys: [String], sink: DiagnosticSink) {
    guard let mapping = node.mapping else {
      sink.error("\(what) must be a mapping, found \(node.kindName)", at: node)
      return nil
    }
    self.node = node
    self.sink = sink
    // Labelled as the stored property is: an array of unlabelled tuples would be cast element by
    // element when stored.
    var pairs: [(key: String, keyNode: Node, value: Node)] = []
    var keys: [String] = []
    pairs.reserveCapacity(mapping.count)
    keys.reserveCapacity(mapping.count)
    var suggestedKeys: Set<String> = []
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        sink.error("keys of \(what) must be plain names", at: keyNode)
        continue
      }
      if allowedKeys.contains(key) {
        pairs.append((key, keyNode, value))
        keys.append(key)
      } else {
        let suggestion = Spelling.suggestion(for: key, among: allowedKeys)
        if let suggestion { suggestedKeys.insert(suggestion) }
        sink.error(
          "unknown key '\(key)' in \(what)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
          at: keyNode)
      }
    }
    self.pairs = pairs
    self.keys = keys
    self.suggestedKeys = suggestedKeys
  }

  /// The keys of `pairs`, searched without copying the nodes of every pair on the way.
  private let keys: [String]

  subscript(key: String) -> Node? {
    keys.firstIndex(of: key).map { pairs[$0].value }
  }

  func keyNode(_ key: String) -> Node? {
    keys.firstIndex(of: key).map { pairs[$0].keyNode }
  }

  func location(_ key: String) -> SourceLocation? {
    sink.location(of: self[key] ?? node)
  }

  /// Reports a missing required key at the mapping itself.
  func require(_ key: String, in what: String) -> Node? {
    if let value = self[key] { return value }
    if suggestedKeys.contains(key) { return nil }
    sink.error("missing required key '\(key)' in \(what)", at: node)
    return nil
  }

  func string(_ key: String, required: Bool = false, allowEmpty: Bool = false, in what: String)
    -> String?
  {
    guard let value = required ? require(key, in: what) : self[key] else { return nil }
    return MappingReader.string(value, key: key, allowEmpty: allowEmpty, sink: sink)
  }

  static func string(_ value: Node, key: String, allowEmpty: Bool = false, sink: DiagnosticSink)
    -> String?
  {
    guard let scalar = value.scalar else {
      sink.error("'\(key)' must be a string, found \(value.kindName)", at: value)
      return nil
    }
    let kind = value.coreKind
    guard kind == .string else {
      if kind == .null {
        sink.error("'\(key)' must be a string, found null", at: value)
      } else {
        sink.error(
          "'\(key)' must be a string, found \(kind?.name ?? "a scalar"); quote it: \"\(scalar.string)\"",
          at: value)
      }
      return nil
    }
    let text = scalar.string
    if text.utf8.contains(0) {
      sink.error("'\(key)' must not contain the NUL character (U+0000): databases cannot store it", at: value)
      return nil
    }
    // A visible ASCII character means the text is not blank, without Foundation's trimming.
    if !allowEmpty, !text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }),
      text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    {
      sink.error("'\(key)' must not be empty", at: value)
      return nil
    }
    return text
  }

  func bool(_ key: String) -> Bool? {
    guard let value = self[key] else { return nil }
    return MappingReader.bool(value, key: key, sink: sink)
  }

  static func bool(_ value: Node, key: String, sink: DiagnosticSink) -> Bool? {
    if case .boolean(let flag) = value.coreKind { return flag }
    sink.error("'\(key)' must be true or false, found \(value.kindName)", at: value)
    return nil
  }

  func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
    guard let value = self[key] else { return nil }
    guard value.coreKind == .integer else {
      sink.error("'\(key)' must be a whole number, found \(value.kindName)", at: value)
      return nil
    }
    guard let number = Int(value.scalar?.string ?? "") else {
      sink.error(
        "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(value.scalar?.string ?? "")",
        at: value)
      return nil
    }
    guard range.contains(number) else {
      sink.error(
        "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(number)",
        at: value)
      return nil
    }
    return number
  }

  /// An API version: `55.0`, quoted or not, or the bare whole number `55`.
  func version(_ key: String) -> APIVersion? {
    guard let value = self[key] else { return nil }
    let text = value.scalar?.string ?? ""
    let version: APIVersion?
    switch value.coreKind {
    case .integer?: version = APIVersion(parsingEitherForm: text)
    case .float?, .string?: version = APIVersion(parsing: text)
    default: version = nil
    }
    guard let version else {
      let shown = value.scalar?.string ?? value.kindName
      sink.error(
        "malformed API version '\(shown)' for '\(key)'; expected a form like '55.0'", at: value)
      return nil
    }
    return version
  }

  /// A list of nodes; a single scalar is not accepted in place of a list.
  func list(_ key: String) -> [Node]? {
    guard let value = self[key] else { return nil }
    guard let sequence = value.sequence else {
      sink.error("'\(key)' must be a list, found \(value.kindName)", at: value)
      return nil
    }
    return Array(sequence)
  }

  func stringList(_ key: String) -> [(String, Node)]? {
    guard let nodes = list(key) else { return nil }
    return nodes.compactMap { node in
      MappingReader.string(node, key: key, sink: sink).map { ($0, node) }
    }
  }

  func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, what: String)
    -> E?
  where E.RawValue == String {
    guard let text = string(key, in: what), let value = self[key] else { return nil }
    if let parsed = E(rawValue: text) { return parsed }
    let names = E.allCases.map(\.rawValue)
    // The likely spelling when there is one; otherwise every value there is.
    let advice =
      Spelling.suggestion(for: text, among: names).map { "did you mean '\($0)'?" }
      ?? "expected one of: \(names.joined(separator: ", "))"
    sink.error("unknown \(key) '\(text)'; \(advice)", at: value)
    return nil
  }
}
