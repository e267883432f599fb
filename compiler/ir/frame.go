package ir

import "strings"

// framePrefix starts the name of a frame buffer (Suricata's frame
// keyword): "frame:" then the protocol and the frame type,
// "frame:ssh.record.pdu".
const framePrefix = "frame:"

// FrameBuffer is the name of the buffer of an app-layer frame type.
func FrameBuffer(proto, typ string) string { return framePrefix + proto + "." + typ }

// FrameOf splits a frame buffer's name into its protocol and frame type;
// ok is false for any other buffer.
func FrameOf(name string) (proto, typ string, ok bool) {
	rest, ok := strings.CutPrefix(name, framePrefix)
	if !ok {
		return "", "", false
	}
	proto, typ, ok = strings.Cut(rest, ".")
	return proto, typ, ok
}
