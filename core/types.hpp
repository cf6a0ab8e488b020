#pragma once
// Point clouds in the plane. Row-major n x 2 so that a cloud is one contiguous block of
// x0 y0 x1 y1 ..., which is also the layout of a trajectory frame and of CSV files.
#include <Eigen/Dense>

namespace symscore {

using Points = Eigen::Matrix<double, Eigen::Dynamic, 2, Eigen::RowMajor>;
using PointsF = Eigen::Matrix<float, Eigen::Dynamic, 2, Eigen::RowMajor>;
using Vec2 = Eigen::Vector2d;
using Mat2 = Eigen::Matrix2d;

}  // namespace symscore
