package seclang

func init() { registerOp("validateUtf8Encoding", noArg) }
