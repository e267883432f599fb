package smtp

// FrameType is an SMTP frame's type, by Suricata's ids.
type FrameType uint8

const (
	FrameCommandLine FrameType = iota
	FrameData
	FrameResponseLine
)

// FrameNames are the frame types' rule names (frame:smtp.<name>).
var FrameNames = [...]string{FrameCommandLine: "command_line", FrameData: "data", FrameResponseLine: "response_line"}

// Frame is a frame the parser opened or sized, as Suricata's SMTP parser
// does: a command line (twice per line, as Suricata: once with its line
// end and no transaction, once without it and with the transaction), the
// data of a mail (from after the DATA line through the "." line), a
// reply line.
type Frame struct {
	Type     FrameType
	ToServer bool
	TxID     int64 // -1 when Suricata sets none
	// Offset is where the frame starts in the direction's stream, as
	// bytes fed to the parser (gaps count); Len is its length, -1 while
	// the frame is open.
	Offset, Len int64
}

func (p *Parser) frame(t FrameType, toServer bool, tx, off, n int64) {
	if p.OnFrame != nil {
		p.OnFrame(Frame{Type: t, ToServer: toServer, TxID: tx, Offset: off, Len: n})
	}
}

// Current is the transaction the parser is on, or nil.
func (p *Parser) Current() *Tx { return p.cur }
