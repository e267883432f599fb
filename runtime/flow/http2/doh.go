package http2

import (
	"bytes"
	"encoding/base64"
)

// dohQuery decodes the DNS message of a DoH GET: the path
// "/dns-query?dns=" then the message in unpadded base64 (standard
// alphabet, as Suricata decodes it), nothing after it.
func dohQuery(path []byte) ([]byte, bool) {
	q, ok := bytes.CutPrefix(path, []byte("/dns-query?dns="))
	if !ok {
		return nil, false
	}
	msg, err := base64.RawStdEncoding.DecodeString(string(q))
	return msg, err == nil
}

// maxDNSMessage is the largest DNS message a DoH body may carry.
const maxDNSMessage = 0xFFFF

// dnsData keeps a DoH body's bytes; past a DNS message's size it stops
// with dns_request_too_long or dns_response_too_long. At the stream's end
// (over) the body is the direction's DNS message.
func (tx *Tx) dnsData(b []byte, d int, over bool) {
	if !tx.DoH[d] {
		return
	}
	if len(tx.DNSData[d])+len(b) > maxDNSMessage {
		tx.DoH[d], tx.DNSData[d] = false, nil
		if d == 1 {
			tx.event("dns_response_too_long")
		} else {
			tx.event("dns_request_too_long")
		}
		return
	}
	tx.DNSData[d] = append(tx.DNSData[d], b...)
	if over && len(tx.DNSData[d]) > 0 {
		tx.DNS[d], tx.DNSData[d] = tx.DNSData[d], nil
	}
}
