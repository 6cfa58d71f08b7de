import Foundation
import Plumbing

struct EditorError: Error, Equatable, Sendable {
    var message: String
}

/// Long text in the user's editor: $EDITOR, then $VISUAL, then vi, run without a shell (the command
/// is split on spaces; the file's path is one argument), on a private temporary file.
enum Editor {
    static func command(_ env: [String: String]) -> [String] {
        let line = [env["EDITOR"], env["VISUAL"]].compactMap { $0 }.first { !$0.trimmingWhitespace.isEmpty } ?? "vi"
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Writes `text` to a temporary file, runs the editor on it and waits, then reads it back.
    /// `around` is called with the run in between: the terminal leaves and re-enters curses there.
    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                     around: (() -> Int32) -> Int32) -> Result<String, EditorError> {
        let argv0 = command(environment)
        let dir = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        guard let file = PrivateTemporaryFile(in: dir, prefix: "nettui-", suffix: ".txt", contents: Array(text.utf8)) else {
            return .failure(EditorError(message: "cannot create a temporary file in \(dir)"))
        }
        let path = file.path
        defer { file.remove() }
        let status = around { Processes.run(argv0 + [path]) ?? -1 }
        guard status != -1 else { return .failure(EditorError(message: "cannot run \(argv0[0])")) }
        guard status == 0 else { return .failure(EditorError(message: "\(argv0[0]) did not end cleanly; the field is unchanged")) }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8) else {
            return .failure(EditorError(message: "the edited text is not UTF-8; the field is unchanged"))
        }
        return .success(edited)
    }
}
