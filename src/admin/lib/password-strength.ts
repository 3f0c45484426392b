// The server scores passwords with the very same estimator and settings.
export {
  loadStrengthEstimator,
  RECOMMENDED_STRENGTH,
  scorePassword,
  type StrengthScore,
} from "../../modules/credentials/utils/password-strength"
