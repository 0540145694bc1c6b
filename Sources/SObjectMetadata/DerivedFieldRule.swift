/// A rule by which a field's value follows from others, held as data so that every emitter
/// (Swift, SQL, docs) implements the same rule.
public struct DerivedFieldRule: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable {
    /// `field` takes the value that `map` gives for `source`'s value.
    case valueMap
    /// `field` is the time from `start` to `end` in `unit`s, computed when `end` is set.
    case duration
    /// `field` is set to the current time when `trigger` becomes true and `field` has no value.
    case currentTimeWhenTrue
  }

  public enum Computation: Sendable, Hashable {
    case valueMap(source: String, mapping: [ValueMapping])
    case duration(start: String, end: String, unit: DurationUnit)
    case currentTimeWhenTrue(trigger: String)
  }

  public struct ValueMapping: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }

  public enum DurationUnit: String, Sendable, CaseIterable {
    case seconds
    case minutes
    case hours

    public var seconds: Int {
      switch self {
      case .seconds: return 1
      case .minutes: return 60
      case .hours: return 3600
      }
    }
  }

  /// The field whose value the rule sets.
  public var field: String
  public var computation: Computation
  public var description: String?
  public var location: SourceLocation?

  public init(
    field: String, computation: Computation, description: String? = nil,
    location: SourceLocation? = nil
  ) {
    self.field = field
    self.computation = computation
    self.description = description
    self.location = location
  }

  public var kind: Kind {
    switch computation {
    case .valueMap: return .valueMap
    case .duration: return .duration
    case .currentTimeWhenTrue: return .currentTimeWhenTrue
    }
  }

  /// The fields the rule reads.
  public var inputs: [String] {
    switch computation {
    case .valueMap(let source, _): return [source]
    case .duration(let start, let end, _): return [start, end]
    case .currentTimeWhenTrue(let trigger): return [trigger, field]
    }
  }
}
