/// The syntax of a SOQL query as written, every node with its offset in the text: what the parser
/// produces and the resolver reads. Names keep the case they were written in.

/// A name as written, with where it starts.
public struct Name: Sendable, Hashable {
  public var text: String
  public var offset: Int
  public init(text: String, offset: Int) {
    self.text = text
    self.offset = offset
  }
}

/// `Name`, `Owner.Name`, `Parent__r.Owner.CreatedBy.Id`.
public struct FieldPath: Sendable, Hashable {
  public var parts: [Name]
  public var offset: Int { parts[0].offset }
  public var text: String { parts.map(\.text).joined(separator: ".") }
}

/// COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX.
public enum AggregateFunction: String, Sendable, CaseIterable {
  case count = "COUNT"
  case countDistinct = "COUNT_DISTINCT"
  case sum = "SUM"
  case avg = "AVG"
  case min = "MIN"
  case max = "MAX"
}

/// `COUNT(Id)`, `MAX(StartDateTime)`; `COUNT()` has no argument.
public struct AggregateCall: Sendable, Hashable {
  public var function: AggregateFunction
  public var argument: FieldPath?
  public var offset: Int
}

/// SOQL's date functions: `CALENDAR_YEAR(CreatedDate)`, `DAY_ONLY(StartDateTime)`, … (the fiscal
/// ones with a fiscal year that starts in January).
public enum DateFunction: String, Sendable, CaseIterable {
  case calendarMonth = "CALENDAR_MONTH"
  case calendarQuarter = "CALENDAR_QUARTER"
  case calendarYear = "CALENDAR_YEAR"
  case dayInMonth = "DAY_IN_MONTH"
  case dayInWeek = "DAY_IN_WEEK"
  case dayInYear = "DAY_IN_YEAR"
  case dayOnly = "DAY_ONLY"
  case fiscalMonth = "FISCAL_MONTH"
  case fiscalQuarter = "FISCAL_QUARTER"
  case fiscalYear = "FISCAL_YEAR"
  case hourInDay = "HOUR_IN_DAY"
  case weekInMonth = "WEEK_IN_MONTH"
  case weekInYear = "WEEK_IN_YEAR"
}

public struct DateFunctionCall: Sendable, Hashable {
  public var function: DateFunction
  public var argument: FieldPath
  public var offset: Int
}

/// `TYPEOF Context WHEN Visit THEN Id, Name WHEN ServiceAppointment THEN Id ELSE Id END`.
public struct TypeOfClause: Sendable, Hashable {
  public struct When: Sendable, Hashable {
    public var object: Name
    public var fields: [FieldPath]
  }
  public var field: Name
  public var whens: [When]
  public var elseFields: [FieldPath]
  public var offset: Int
}

public enum SelectItem: Sendable, Hashable {
  case field(FieldPath, alias: Name?)
  case aggregate(AggregateCall, alias: Name?)
  case dateFunction(DateFunctionCall, alias: Name?)
  case subquery(SOQLSyntax)
  case typeOf(TypeOfClause)
  /// FIELDS(ALL | STANDARD | CUSTOM).
  case fields(Name)
}

/// A value on the right of a comparison.
public struct LiteralValue: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// The text with SOQL's escapes applied, except `\%`, `\_` and `\\` kept for LIKE.
    case string(String)
    case number(String)
    case boolean(Bool)
    case null
    case date(String)
    case dateTime(String)
    /// TODAY, LAST_N_DAYS:n, …
    case dateLiteral(String, Int?)
  }
  public var kind: Kind
  public var offset: Int
  public init(kind: Kind, offset: Int) {
    self.kind = kind
    self.offset = offset
  }
}

/// What a condition compares: a field, or (in HAVING) an aggregate.
public enum Operand: Sendable, Hashable {
  case field(FieldPath)
  case aggregate(AggregateCall)
  case dateFunction(DateFunctionCall)
  var offset: Int {
    switch self {
    case .field(let path): return path.offset
    case .aggregate(let call): return call.offset
    case .dateFunction(let call): return call.offset
    }
  }
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case like = "LIKE"
}

public indirect enum Condition: Sendable, Hashable {
  case and([Condition])
  case or([Condition])
  case not(Condition)
  case comparison(Operand, ComparisonOperator, LiteralValue, operatorOffset: Int)
  case inList(Operand, negated: Bool, [LiteralValue], operatorOffset: Int)
  case inSubquery(Operand, negated: Bool, SOQLSyntax, operatorOffset: Int)
  /// INCLUDES (or, negated, EXCLUDES) for multi-select picklists; each value may be `'a;b'`.
  case includes(Operand, negated: Bool, [LiteralValue], operatorOffset: Int)
}

public struct OrderItem: Sendable, Hashable {
  public var operand: Operand
  public var ascending: Bool
  /// nil: the default (NULLS FIRST ascending, NULLS LAST descending, as Salesforce).
  public var nullsFirst: Bool?
}

/// A SOQL query (or a subquery) as written.
public struct SOQLSyntax: Sendable, Hashable {
  public var select: [SelectItem]
  public var from: Name
  public var fromAlias: Name?
  public var whereClause: Condition?
  public var groupBy: [Operand]
  public var having: Condition?
  public var orderBy: [OrderItem]
  public var limit: Int?
  public var limitOffset: Int?
  public var offset: Int?
  public var offsetOffset: Int?
  /// Where the query (its SELECT) starts.
  public var position: Int
}
