// Package frame is the hook between rulec's app-layer parsers and the
// flow tracker for Suricata's app-layer frames: a parser marks the frames
// it finds in one direction of its stream (an SSH record, its header and
// its data) by offset with a Marker; the tracker keeps the bytes, gives
// frames their ids and inspects them (runtime/flow).
package frame
