#pragma once
// Level sets of a gridded function by marching squares: the line {value = level} of a
// DensityGrid, as straight segments between points on the edges of the grid's cells (linear
// interpolation between cell centres). The Score field tab draws p_t's contour with it.
#include "core/density_grid.hpp"
#include "core/types.hpp"

namespace symscore {

// Segments of the level set as rows (a, b, NaN) of a PointsF: each segment's two end points
// followed by a row of NaN, so a polyline drawn through the rows breaks between segments.
// A saddle cell (two opposite corners above the level) gives two segments.
PointsF contourSegments(const DensityGrid& grid, double level);

}  // namespace symscore
