import Foundation

/// Runs python-jsonschema (the real validator), installing it with pip when it is missing.
public enum PythonJSONSchema {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  static let setUp: Result<Void, Failure> = {
    if run(["-c", "import jsonschema"]).status == 0 { return .success(()) }
    let install = run(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "jsonschema"])
    if install.status == 0, run(["-c", "import jsonschema"]).status == 0 { return .success(()) }
    return .failure(
      Failure(description: "python3 with jsonschema is unavailable and pip could not install it: \(install.output)"))
  }()

  /// Checks the schema against the 2020-12 metaschema, then validates each instance against it;
  /// returns one verdict per instance: nil when valid, else the validator's first message.
  public static func validate(schema: Data, instances: [Data]) throws -> [String?] {
    try setUp.get()
    let script = """
      import json, sys
      from jsonschema import Draft202012Validator
      payload = json.load(sys.stdin)
      schema = payload["schema"]
      Draft202012Validator.check_schema(schema)
      validator = Draft202012Validator(schema)
      verdicts = []
      for instance in payload["instances"]:
          errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
          verdicts.append(None if not errors else errors[0].message)
      print(json.dumps(verdicts))
      """
    let payload =
      "{\"schema\": \(String(decoding: schema, as: UTF8.self)), \"instances\": ["
      + instances.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]}"
    let result = try runProgram("/usr/bin/env", ["python3", "-c", script], input: payload)
    guard result.status == 0 else { throw Failure(description: result.stdout + result.stderr) }
    return try JSONDecoder().decode([String?].self, from: Data(result.stdout.utf8))
  }

  /// Runs python3 with the arguments; the output is standard output, then standard error.
  public static func run(_ arguments: [String], input: String = "") -> (status: Int32, output: String) {
    do {
      let result = try runProgram("/usr/bin/env", ["python3"] + arguments, input: input)
      return (result.status, result.stdout + result.stderr)
    } catch {
      return (-1, "cannot start python3: \(error)")
    }
  }
}
