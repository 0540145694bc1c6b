/// A position in a metadata file, 1-based like the compilers and editors that read it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

/// One problem found in the metadata, printed as `path:line:column: error: message`,
/// the form SwiftPM, Xcode and editors recognise.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  public var severity: Severity
  public var message: String
  public var location: SourceLocation?

  public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
    Diagnostic(.error, message, at: location)
  }

  public var description: String {
    if let location {
      return "\(location): \(severity.rawValue): \(message)"
    }
    return "\(severity.rawValue): \(message)"
  }
}

extension Array where Element == Diagnostic {
  /// Diagnostics in a stable order: by file, line and column, then message.
  public func sortedByLocation() -> [Diagnostic] {
    sorted { lhs, rhs in
      switch (lhs.location, rhs.location) {
      case (let l?, let r?) where l != r: return l < r
      case (nil, _?): return true
      case (_?, nil): return false
      default: return lhs.message < rhs.message
      }
    }
  }

  public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown when the metadata cannot be turned into a model; carries every problem at once.
public struct MetadataError: Error, CustomStringConvertible, Sendable {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}

/// Suggests the closest known spelling for a misspelt word ("did you mean …?").
enum Spelling {
  static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let known = candidate.lowercased()
      if known == lowered { return candidate }
      // "Sortable" for "Sort": a known word typed with an ending of its own.
      let distance = editDistance(lowered, known)
      let isClose = distance <= max(2, candidate.count / 3) || (known.count >= 4 && lowered.hasPrefix(known))
      if isClose, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  static func hint(for word: String, among candidates: some Sequence<String>) -> String {
    if let suggestion = suggestion(for: word, among: candidates) {
      return "; did you mean '\(suggestion)'?"
    }
    return ""
  }

  /// Levenshtein distance over Unicode scalars.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
