// The RFC 7946 bounding boxes GDAL's GeoJSON driver writes: a feature's, and the layer's merged in order.
#pragma once

#include <ogr_core.h>
#include <ogr_geometry.h>

namespace corridor::io::detail {

// ogrgeojsonwriter.cpp OGRGeoJSONGetBBox: the envelope, except that a collection split at
// the date line gets a bbox whose west edge is greater than its east edge.
OGREnvelope rfc7946_bbox(const OGRGeometry& geom);

// OGRGeoJSONWriteLayer::ICreateFeature: merges a feature's bbox e into the layer extent l
// with the RFC 7946 date line rules. The result depends on the order of the features, so
// the writer merges them in file order.
void merge_bbox(OGREnvelope& l, const OGREnvelope& e);

}  // namespace corridor::io::detail
