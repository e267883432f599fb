package bpflog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"time"
)

// Layout of struct rc_log_record (bpf/log.h).
const (
	MsgLen     = 32 // RC_LOG_MSG_LEN
	StrLen     = 32 // RC_LOG_STR_LEN
	MaxArgs    = 4  // RC_LOG_MAX_ARGS
	NoRule     = 0xffffffff
	headerSize = 16 + MsgLen
	argSize    = 8 + StrLen
	RecordSize = headerSize + MaxArgs*argSize
)

// Argument types, as enum rc_log_arg_type.
const (
	argNone = iota
	argU64
	argIP4
	argIP6
	argPort
	argStr
)

// Port is a port-number argument.
type Port uint16

// Record is one decoded log record.
type Record struct {
	Time   time.Time
	Level  Level
	Rule   uint32 // NoRule when the record is about no rule
	Format uint16 // 0: Msg is the record's own text
	Msg    string
	Args   []any // uint64, netip.Addr, Port or string
}

// Decode decodes one ring buffer record; formats gives the messages of
// format ids. A record with a format id has that message (or "format N"
// when formats does not know it), followed by ": " and its own text when
// it has one.
func Decode(raw []byte, formats map[uint16]string) (Record, error) {
	if len(raw) < RecordSize {
		return Record{}, fmt.Errorf("log record of %d bytes, want %d", len(raw), RecordSize)
	}
	ne := binary.NativeEndian
	r := Record{
		Time:   KtimeToTime(ne.Uint64(raw[0:])),
		Rule:   ne.Uint32(raw[8:]),
		Format: ne.Uint16(raw[12:]),
		Level:  Level(raw[14]),
	}
	nargs := int(raw[15])
	if nargs > MaxArgs {
		return Record{}, fmt.Errorf("log record with %d arguments, at most %d", nargs, MaxArgs)
	}
	r.Msg = cString(raw[16:headerSize])
	if r.Format != 0 {
		f, ok := formats[r.Format]
		if !ok {
			f = fmt.Sprintf("format %d", r.Format)
		}
		if r.Msg != "" {
			f += ": " + r.Msg
		}
		r.Msg = f
	}
	for i := range nargs {
		a, err := decodeArg(raw[headerSize+i*argSize : headerSize+(i+1)*argSize])
		if err != nil {
			return Record{}, fmt.Errorf("log record argument %d: %w", i, err)
		}
		r.Args = append(r.Args, a)
	}
	return r, nil
}

func decodeArg(b []byte) (any, error) {
	v := b[8:]
	switch b[0] {
	case argNone:
		return nil, nil
	case argU64:
		return binary.NativeEndian.Uint64(v), nil
	case argIP4:
		return netip.AddrFrom4([4]byte(v[:4])), nil
	case argIP6:
		return netip.AddrFrom16([16]byte(v[:16])), nil
	case argPort:
		return Port(binary.NativeEndian.Uint16(v)), nil
	case argStr:
		n := int(b[1])
		if n >= StrLen {
			return nil, fmt.Errorf("string of %d bytes, at most %d", n, StrLen-1)
		}
		return string(v[:n]), nil
	}
	return nil, fmt.Errorf("unknown type %d", b[0])
}

func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
