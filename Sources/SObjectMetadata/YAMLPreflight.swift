import CYaml
import Foundation
import Yams

/// A pass over libyaml's events before Yams composes the node tree, for what composing cannot do
/// safely or report well:
/// - Aliases are refused. The metadata format has no use for them, and Yams expands them while it
///   checks mapping keys for duplicates, so a kilobyte of nested aliases (an "alias bomb") would take
///   minutes; refusing them takes one pass over the events.
/// - A duplicate key is reported where it is repeated, pointing back at its first occurrence, in
///   block and flow mappings alike and whatever the line endings.
/// Syntax errors are left to the composer, which reports them with their context.
struct YAMLPreflight {
  struct Problem: Equatable {
    var message: String
    var line: Int
    var column: Int
  }

  /// The problems found; empty when the file may be composed (or has a syntax error to report).
  static func problems(in text: String) -> [Problem] {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return [] }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> [Problem] in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      return scan(&parser)
    }
  }

  private enum Frame {
    case sequence
    case mapping(keys: [String: (line: Int, column: Int)], expectingKey: Bool)
  }

  private static func scan(_ parser: inout yaml_parser_t) -> [Problem] {
    var problems: [Problem] = []
    var stack: [Frame] = []
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(&parser, &event) == 1 else { return problems }
      defer { yaml_event_delete(&event) }
      let type = event.type
      if type == YAML_STREAM_END_EVENT { return problems }
      let line = Int(event.start_mark.line) + 1
      let column = Int(event.start_mark.column) + 1
      var isNode = false
      var keyText: String?
      switch type {
      case YAML_ALIAS_EVENT:
        isNode = true
        let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
        problems.append(
          Problem(
            message: "aliases (*\(name)) are not supported in metadata files; write the value out in full",
            line: line, column: column))
      case YAML_SCALAR_EVENT:
        isNode = true
        let scalar = event.data.scalar
        keyText = scalar.value.map {
          String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
        }
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        isNode = true
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        _ = stack.popLast()
      default:
        break
      }
      if isNode, case .mapping(var keys, let expectingKey)? = stack.last {
        if expectingKey, let keyText {
          if let first = keys[keyText] {
            problems.append(
              Problem(
                message: "duplicate key '\(keyText)' (first given at line \(first.line), column \(first.column))",
                line: line, column: column))
          } else {
            keys[keyText] = (line, column)
          }
        }
        stack[stack.count - 1] = .mapping(keys: keys, expectingKey: !expectingKey)
      }
      if type == YAML_SEQUENCE_START_EVENT { stack.append(.sequence) }
      if type == YAML_MAPPING_START_EVENT { stack.append(.mapping(keys: [:], expectingKey: true)) }
    }
  }
}

extension Node {
  /// Whether some mapping in the tree has two scalar keys of the same text, as the preflight
  /// compares them. Composing with `Resolver.basic` has already thrown for two keys of the same text
  /// and resolved tag, and resolves every scalar without an explicit tag to `str` (`1` and `"1"`
  /// alike): only an explicit tag (`!!int 1` against `1`), which needs a `!` in the file, can hide a
  /// repeat from it.
  var repeatsAKey: Bool {
    switch self {
    case .scalar, .alias: return false
    case .sequence(let sequence): return sequence.contains { $0.repeatsAKey }
    case .mapping(let mapping):
      var keys = Set<String>(minimumCapacity: mapping.count)
      for (key, value) in mapping {
        if let text = key.scalar?.string, !keys.insert(text).inserted { return true }
        if key.repeatsAKey || value.repeatsAKey { return true }
      }
      return false
    }
  }
}
