import NetModel
import Plumbing

/// Bytes made in numbered blocks by several workers at once and written to a file in block order
/// (`inOrder`): the writing of one block overlaps the making of the next. For the big lists of a
/// save (`FastEncoder`), where encoding and the `write` calls each take about half the time of one
/// core. Memory stays at a few blocks when the disk is slower than the encoding.
enum BlockWriter {
    /// An encoder handed from the worker that fills it to the writer and back to the spares.
    final class Box {
        var encoder: FastEncoder
        init(_ encoder: consuming FastEncoder) { self.encoder = encoder }
    }

    /// Makes blocks `0..<blocks` with `make` (into an emptied encoder of its own) on `workers`
    /// workers and writes them to `fd` in order, counting them in `written` (the bytes written to
    /// `fd` before and after). Returns why the writing stopped (`FastEncoder.writeOut`; no block is
    /// made after it), or nil.
    static func write(blocks: Int, to fd: Int32, written: inout Int, maxBytes: Int, workers: Int, maxWaiting: Int = 4,
                      bufferBytes: Int = 1 << 20, _ make: (Int, inout FastEncoder) -> Void) -> FastEncoder.Stop? {
        // Encoders written out, to make the next blocks in (each freed with its box).
        let spare = Locked([Box]())
        var failure: FastEncoder.Stop?
        inOrder(blocks, workers: workers, maxWaiting: maxWaiting, make: { k in
            let box = spare.with { $0.popLast() } ?? Box(FastEncoder(capacity: bufferBytes))
            box.encoder.clear()
            make(k, &box.encoder)
            return box
        }, consume: { _, box in
            if failure == nil { failure = box.encoder.writeOut(to: fd, written: &written, maxBytes: maxBytes) }
            spare.with { $0.append(box) }
            return failure == nil
        })
        return failure
    }
}
