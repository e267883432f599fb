package http2

import "encoding/binary"

// Frame types (RFC 9113 section 6).
const (
	TypeData         = 0
	TypeHeaders      = 1
	TypePriority     = 2
	TypeRstStream    = 3
	TypeSettings     = 4
	TypePushPromise  = 5
	TypePing         = 6
	TypeGoAway       = 7
	TypeWindowUpdate = 8
	TypeContinuation = 9
)

// Frame flags.
const (
	flagEndStream  = 0x1
	flagEndHeaders = 0x4
	flagPadded     = 0x8
	flagPriority   = 0x20
)

const (
	headerLen = 9
	// Preface is the client's connection preface.
	Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
	// maxHandledFrame: a frame this long or longer is handled from what
	// has come, the rest of it skipped (Suricata's long_frame_data);
	// minHandledFrame is how much of it must have come.
	maxHandledFrame = 65536
	minHandledFrame = 256
	// defaultMaxFrame is the largest first SETTINGS frame the server's
	// probe takes.
	defaultMaxFrame = 16384
)

// header is a frame header.
type header struct {
	length   uint32
	ftype    uint8
	flags    uint8
	reserved bool
	stream   uint32
}

func parseHeader(b []byte) header {
	sid := binary.BigEndian.Uint32(b[5:9])
	return header{length: uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]), ftype: b[3], flags: b[4],
		reserved: sid&0x80000000 != 0, stream: sid & 0x7fffffff}
}

// Setting is one SETTINGS parameter.
type Setting struct {
	ID    uint16
	Value uint32
}

// settingNames are Suricata's names of the settings it knows; a setting
// with another id ends the frame's list, as its parser stops there.
var settingNames = map[uint16]string{
	1: "SETTINGSHEADERTABLESIZE", 2: "SETTINGSENABLEPUSH", 3: "SETTINGSMAXCONCURRENTSTREAMS",
	4: "SETTINGSINITIALWINDOWSIZE", 5: "SETTINGSMAXFRAMESIZE", 6: "SETTINGSMAXHEADERLISTSIZE",
	8: "SETTINGSENABLECONNECTPROTOCOL", 9: "SETTINGSNORFC7540PRIORITIES",
}

func parseSettings(b []byte) []Setting {
	var out []Setting
	for ; len(b) >= 6; b = b[6:] {
		id := binary.BigEndian.Uint16(b)
		if _, ok := settingNames[id]; !ok {
			break
		}
		out = append(out, Setting{ID: id, Value: binary.BigEndian.Uint32(b[2:])})
	}
	return out
}

// errorNames are the RFC's error codes, by value, as Suricata names them
// (a GOAWAY's in upper case).
var errorNames = []string{"NoError", "ProtocolError", "InternalError", "FlowControlError", "SettingsTimeout",
	"StreamClosed", "FrameSizeError", "RefusedStream", "Cancel", "CompressionError", "ConnectError",
	"EnhanceYourCalm", "InadequateSecurity", "Http11Required"}

// Field is a decoded header field.
type Field struct{ Name, Value []byte }

// Frame is what a transaction keeps of a frame: its type and flags and
// what its record shows.
type Frame struct {
	Type, Flags uint8
	Settings    []Setting
	// ErrorCode of a GOAWAY or RST_STREAM; HasError says there is one.
	ErrorCode uint32
	HasError  bool
	// Weight of a PRIORITY frame, or of a HEADERS frame's priority.
	Weight      uint8
	HasPriority bool
	// Window is a WINDOW_UPDATE's size increment; HasWindow says there
	// is one.
	Window    uint32
	HasWindow bool
	Fields    []Field // HEADERS, PUSH_PROMISE, CONTINUATION
	// SizeUpdates are the header block's dynamic table size updates.
	SizeUpdates []uint64
	Headers     bool // a header frame, whether or not it decoded fields
}
