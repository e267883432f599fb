package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// pcreBufferFlags maps Suricata's buffer-selecting pcre modifiers to the
// buffer they inspect.
var pcreBufferFlags = map[byte]string{
	'U': "http.uri", 'I': "http.uri.raw", 'P': "http.request_body", 'Q': "file.data",
	'H': "http.header", 'D': "http.header.raw", 'M': "http.method", 'C': "http.cookie",
	'S': "http.stat_code", 'Y': "http.stat_msg", 'V': "http.user_agent", 'W': "http.host",
	'Z': "http.host.raw",
}

func init() {
	register("pcre", valueRequired, func(b *builder, o *syntax.Option) error {
		m := &ir.PCRE{Buffer: b.buf}
		v := o.Value
		if rest, ok := strings.CutPrefix(v, "!"); ok {
			m.Negated, v = true, strings.TrimSpace(rest)
		}
		if syntax.IsQuoted(v) {
			v = v[1 : len(v)-1]
		}
		v, names := cutCaptureNames(v)
		end := strings.LastIndexByte(v, '/')
		if !strings.HasPrefix(v, "/") || end < 1 {
			return badValue(`pcre, want "/regex/flags"`, o.Value)
		}
		m.Pattern = v[1:end]
		var flags strings.Builder
		for i := end + 1; i < len(v); i++ {
			f := v[i]
			switch {
			case strings.IndexByte("imsxAEG", f) >= 0:
				flags.WriteByte(f)
			case f == 'R':
				m.Relative = true
			case f == 'O':
				m.MatchLimit = true
			case f == 'B':
			case pcreBufferFlags[f] != "":
				if m.Buffer.Name != ir.BufPayload && m.Buffer.Name != pcreBufferFlags[f] {
					return fmt.Errorf("/%c in sticky buffer %s: %w", f, m.Buffer.Name, diag.ErrConflict)
				}
				if err := b.needApp("http"); err != nil {
					return err
				}
				m.Buffer = ir.Buffer{Name: pcreBufferFlags[f]}
			default:
				return fmt.Errorf("unknown pcre modifier %q: %w", f, diag.ErrBadValue)
			}
		}
		m.Flags = flags.String()
		if err := pcreVars(m, v, names); err != nil {
			return err
		}
		b.add(m)
		return nil
	})
}
