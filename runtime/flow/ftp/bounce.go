package ftp

import (
	"encoding/binary"
	"net/netip"
)

// Bounce reports whether the last command is a PORT whose address is not
// the client's (an FTP bounce), as Suricata's ftpbounce keyword reads
// the PORT line: the first four comma-separated numbers after the
// command. An IPv6 client is compared by its first four bytes, as
// Suricata does.
func (p *Parser) Bounce(client netip.Addr) bool {
	if p.command != CmdPORT {
		return false
	}
	b := p.portLine
	if len(b) <= 7 {
		return false
	}
	i := 0
	for i < len(b) && !isDigit(b[i]) {
		i++
	}
	var ip uint32
	octet, digits, n := 0, 0, 0
	for ; i < len(b) && digits < 4; i++ {
		if isDigit(b[i]) {
			octet = octet*10 + int(b[i]-'0')
			digits++
			continue
		}
		if octet > 256 {
			return false
		}
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != ',' {
			return false
		}
		ip = ip<<8 + uint32(octet)
		n, digits, octet = n+1, 0, 0
		if n == 4 {
			c := client.As16()
			if client.Is4() {
				a := client.As4()
				copy(c[:4], a[:])
			}
			return ip != binary.BigEndian.Uint32(c[:4])
		}
	}
	return false
}
