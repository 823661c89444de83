module github.com/watchwire/watchwire/cmd/watchwire

go 1.26

require github.com/watchwire/watchwire/pkg/screening v0.0.0

replace github.com/watchwire/watchwire/pkg/screening => ../../pkg/screening
