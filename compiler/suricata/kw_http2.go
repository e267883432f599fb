package suricata

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// Suricata 8's names of HTTP/2 frame types, error codes and settings.
var (
	http2FrameTypes = map[string]int64{"DATA": 0, "HEADERS": 1, "PRIORITY": 2, "RSTSTREAM": 3, "SETTINGS": 4,
		"PUSHPROMISE": 5, "PING": 6, "GOAWAY": 7, "WINDOWUPDATE": 8, "CONTINUATION": 9}
	http2ErrorCodes = map[string]int64{"NO_ERROR": 0, "PROTOCOL_ERROR": 1, "INTERNAL_ERROR": 2, "FLOW_CONTROL_ERROR": 3,
		"SETTINGS_TIMEOUT": 4, "STREAM_CLOSED": 5, "FRAME_SIZE_ERROR": 6, "REFUSED_STREAM": 7, "CANCEL": 8,
		"COMPRESSION_ERROR": 9, "CONNECT_ERROR": 10, "ENHANCE_YOUR_CALM": 11, "INADEQUATE_SECURITY": 12, "HTTP_1_1_REQUIRED": 13}
	http2Settings = map[string]int{"SETTINGS_HEADER_TABLE_SIZE": 1, "SETTINGS_ENABLE_PUSH": 2, "SETTINGS_MAX_CONCURRENT_STREAMS": 3,
		"SETTINGS_INITIAL_WINDOW_SIZE": 4, "SETTINGS_MAX_FRAME_SIZE": 5, "SETTINGS_MAX_HEADER_LIST_SIZE": 6,
		"SETTINGS_ENABLE_CONNECT_PROTOCOL": 8, "SETTINGS_NO_RFC7540_PRIORITIES": 9}
)

// The http2.* keywords compare integers of an HTTP/2 transaction's frames
// in the direction inspected (the unit's http2.* codes); each holds when
// one frame's value does.
func init() {
	http2Keyword("http2.frametype", func(v string) (ir.Cmp, error) {
		return http2Enum("http2.frametype", v, http2FrameTypes, math.MaxUint8)
	})
	http2Keyword("http2.errorcode", func(v string) (ir.Cmp, error) {
		return http2Enum("http2.errorcode", v, http2ErrorCodes, math.MaxUint32)
	})
	http2Keyword("http2.priority", func(v string) (ir.Cmp, error) { return parseCmp("http2.priority", v, math.MaxUint8) })
	http2Keyword("http2.window", func(v string) (ir.Cmp, error) { return parseCmp("http2.window", v, math.MaxUint32) })
	register("http2.settings", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("http2"); err != nil {
			return err
		}
		v := strings.TrimLeft(o.Value, " ")
		end := strings.IndexAny(v, " <>=!")
		if end < 0 {
			end = len(v)
		}
		id, ok := http2Settings[strings.ToUpper(v[:end])]
		if !ok {
			return badValue("http2.settings, want a setting name (SETTINGS_HEADER_TABLE_SIZE, ...)", v[:end])
		}
		cmp := ir.Cmp{Op: ">=", A: 0}
		if rest := strings.TrimSpace(v[end:]); rest != "" {
			var err error
			if cmp, err = parseCmp("http2.settings value", rest, math.MaxUint32); err != nil {
				return err
			}
		}
		b.add(&ir.Field{Name: ir.HTTP2SettingCode(id), Cmp: cmp})
		return nil
	})
}

func http2Keyword(name string, parse func(string) (ir.Cmp, error)) {
	register(name, valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("http2"); err != nil {
			return err
		}
		c, err := parse(strings.TrimSpace(o.Value))
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: name, Cmp: c})
		return nil
	})
}

// http2Enum reads a decimal number up to max or one of the names.
func http2Enum(kw, v string, names map[string]int64, max uint64) (ir.Cmp, error) {
	if n, err := strconv.ParseUint(v, 10, 64); err == nil {
		if n > max {
			return ir.Cmp{}, fmt.Errorf("%s %d out of range [0, %d]: %w", kw, n, max, diag.ErrBadRange)
		}
		return ir.Cmp{Op: "=", A: int64(n)}, nil
	}
	if n, ok := names[strings.ToUpper(v)]; ok {
		return ir.Cmp{Op: "=", A: n}, nil
	}
	return ir.Cmp{}, badValue(kw+", want a number or a name", v)
}
